package io.stockledger.api.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded PostgreSQL's data directory is locked: another instance of the service (or a crashed one's
 * PostgreSQL) already runs on it. Without this, the start ends in "Unable to start web server" with the lock 185
 * lines further down.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public final class EmbeddedDataDirectoryFailureAnalyzer implements FailureAnalyzer {

    /** How the embedded PostgreSQL reports a lock held by another process. */
    private static final Pattern LOCKED = Pattern.compile("could not lock (.*)[/\\\\]epg-lock");

    private final Environment environment;

    public EmbeddedDataDirectoryFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause : CauseChain.of(failure)) {
            Matcher locked = cause instanceof IllegalStateException && cause.getMessage() != null
                    ? LOCKED.matcher(cause.getMessage()) : null;
            if (locked != null && locked.matches()) {
                return analysis(Path.of(locked.group(1)), cause);
            }
            if (cause instanceof OverlappingFileLockException) {
                // the other instance runs in this same JVM (tests, or an embedding application)
                return analysis(Path.of(environment.getProperty("ledger.embedded.data-dir", "./data/postgres")),
                        cause);
            }
        }
        return null;
    }

    static FailureAnalysis analysis(Path dataDirectory, Throwable cause) {
        return new FailureAnalysis(
                "The embedded PostgreSQL's data directory " + dataDirectory.toAbsolutePath().normalize()
                        + " is in use: another instance of the service runs on it (DATABASE_URL is unset, so each "
                        + "instance starts its own PostgreSQL on LEDGER_DATA_DIR).",
                "Stop the other instance, or give this one its own LEDGER_DATA_DIR and LEDGER_EMBEDDED_PORT. To run "
                        + "several instances on the same data, point DATABASE_URL of each at one PostgreSQL server.",
                cause);
    }
}
