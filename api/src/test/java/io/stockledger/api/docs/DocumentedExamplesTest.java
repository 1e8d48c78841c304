package io.stockledger.api.docs;

import io.stockledger.api.StockLedgerApplication;
import io.stockledger.api.support.ServiceInstance;
import io.stockledger.api.support.TestTokens;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's walkthrough and the docs' worked examples, run as written against a started service: each bash
 * block is taken from the Markdown as it stands, only the addresses (a test's ports instead of 8080/8081) and the
 * jar (this build's class path instead of api/target/stock-ledger.jar, not yet packaged when tests run) are
 * substituted. Every answer a comment promises must be in what the block prints, so a drifted example fails the
 * build.
 */
class DocumentedExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static ServiceInstance service;
    private static int port;
    private static int managementPort;

    @BeforeAll
    static void start() {
        service = ServiceInstance.on(TestDatabase.createFresh());
        port = Integer.parseInt(service.context().getEnvironment().getProperty("local.server.port"));
        managementPort = Integer.parseInt(service.context().getEnvironment().getProperty("local.management.port"));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theReadmeWalkthroughAnswersAsItSays() throws Exception {
        DocumentedShellBlock walkthrough = DocumentedShellBlock.after(ROOT.resolve("README.md"), "## Walkthrough");

        String output = run(walkthrough);

        assertThat(walkthrough.promisedPairs()).as("the walkthrough promises answers")
                .contains("\"on_hand\":88", "\"status\":\"PENDING\"");
        assertThat(output).contains(walkthrough.promisedPairs());
        assertThat(output).contains("\"status\":\"CONFIRMED\"", "\"code\":\"INSUFFICIENT_STOCK\"",
                "\"code\":\"UNAUTHENTICATED\"", "\"code\":\"FORBIDDEN\"", "\"required_permission\":\"inventory:receive\"");
        assertThat(output.lines().filter(line -> line.startsWith("{\"status\":\"UP\"")))
                .as("the health answer").hasSize(1);
    }

    @Test
    void theLotsExampleAnswersAsItSays() throws Exception {
        DocumentedShellBlock example = DocumentedShellBlock.after(ROOT.resolve("docs/lots.md"), "## Example");

        String output = run(example);

        assertThat(example.promisedPairs()).contains("\"blocked\":8", "\"code\":\"INSUFFICIENT_SHELF_LIFE\"",
                "\"status\":\"IN_TRANSIT\"");
        assertThat(output).contains(example.promisedPairs());
    }

    /** Runs the block with bash from the repository root, as a reader would, and returns what it printed. */
    private static String run(DocumentedShellBlock block) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String prelude = "ledger_jar() { \"$LEDGER_JAVA\" -cp \"$LEDGER_CLASSPATH\" "
                + StockLedgerApplication.class.getName() + " \"$@\"; }\n";
        String script = prelude + block.script()
                .replace("java -jar api/target/stock-ledger.jar", "ledger_jar")
                .replace("localhost:8080", "127.0.0.1:" + port)
                .replace("localhost:8081", "127.0.0.1:" + managementPort);
        Path stdout = Files.createTempFile("documented-example", ".out");
        Path stderr = Files.createTempFile("documented-example", ".err");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("LEDGER_JAVA", java);
        builder.environment().put("LEDGER_CLASSPATH", System.getProperty("java.class.path"));
        // the service's secret, as an operator would export it before minting tokens for it
        builder.environment().put("JWT_SECRET", TestTokens.SECRET);
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the example finished").isTrue();
        String output = Files.readString(stdout, StandardCharsets.UTF_8);
        String errors = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit status; stderr: %s", errors).isZero();
        assertThat(errors.lines().filter(line -> !line.startsWith("WARNING:")))
                .as("nothing on stderr; output:%n%s", output).isEmpty();
        return output;
    }
}
