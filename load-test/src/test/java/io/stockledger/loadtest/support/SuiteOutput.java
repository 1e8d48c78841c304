package io.stockledger.loadtest.support;

import java.nio.file.Path;

/**
 * Where a suite that runs its own deployment writes its reports and its processes' data: a directory named for the
 * suite beside the smoke run's ({@code loadtest.outputDir}, which the build sets), so one build's results sit
 * together.
 */
public final class SuiteOutput {

    private SuiteOutput() {
    }

    /** The directory of the suite named {@code suite}, e.g. {@code fault-injection}. */
    public static Path of(String suite) {
        return Path.of(System.getProperty("loadtest.outputDir", "target/load-test-smoke")).toAbsolutePath()
                .resolveSibling(suite);
    }
}
