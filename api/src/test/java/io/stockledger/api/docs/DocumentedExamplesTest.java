package io.stockledger.api.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.StockLedgerApplication;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.support.ServiceInstance;
import io.stockledger.api.support.TestTokens;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.TreeSet;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static TestDatabase database;
    private static ServiceInstance service;
    private static int port;
    private static int managementPort;

    @BeforeAll
    static void start() {
        database = TestDatabase.createFresh();
        service = ServiceInstance.on(database);
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

    @Test
    void theAuditorsOwnChainCheckFindsEveryLedgerIntact() throws Exception {
        assertThat(service.client().receive(UUID.randomUUID(), UUID.randomUUID(), 5).status()).isEqualTo(200);
        DocumentedShellBlock recompute = DocumentedShellBlock.after(ROOT.resolve("docs/audit.md"),
                "### Recomputing the chain yourself");
        String embeddedDefault = "DATABASE=postgresql://postgres@localhost:54329/postgres";
        assertThat(recompute.script()).contains(embeddedDefault);
        // this test's database in place of the embedded default's, in the libpq form the step asks for
        String credentials = database.password() == null || database.password().isEmpty() ? database.username()
                : database.username() + ":" + database.password();
        String libpq = database.jdbcUrl().replace("jdbc:postgresql://", "postgresql://" + credentials + "@");

        String output = run(new DocumentedShellBlock(recompute.script().replace(embeddedDefault,
                "DATABASE='" + libpq + "'"), recompute.promisedPairs()));

        assertThat(output).containsPattern("(?m)^[1-9]\\d* ledgers, [1-9]\\d* events \\(0 before the chain began\\), "
                + "0 broken$");
    }

    @Test
    void theReadmePermissionTableIsTheHandlersBothWays() throws IOException {
        Map<String, String> handlers = new TreeMap<>();
        service.context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods().forEach((mapping, method) -> {
                    RequiresPermission permission = method.getMethodAnnotation(RequiresPermission.class);
                    for (String pattern : mapping.getPatternValues()) {
                        for (RequestMethod verb : mapping.getMethodsCondition().getMethods()) {
                            if (pattern.startsWith("/v1/")) {
                                handlers.put(verb + " " + normalized(pattern),
                                        permission == null ? "(none)" : permission.value());
                            }
                        }
                    }
                });

        Map<String, String> documented = new TreeMap<>();
        String readme = Files.readString(ROOT.resolve("README.md"));
        String table = readme.substring(readme.indexOf("| endpoint | permission |"));
        table = table.substring(0, table.indexOf("\n\n"));
        Pattern endpoint = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/v1/[^`?]*)[^`]*`");
        Pattern permission = Pattern.compile("`([a-z]+:[a-z]+)`");
        for (String row : table.lines().skip(2).toList()) {
            String[] cells = row.split("\\|");
            Matcher granted = permission.matcher(cells[2]);
            assertThat(granted.find()).as("a permission in row %s", row).isTrue();
            Matcher endpoints = endpoint.matcher(cells[1]);
            while (endpoints.find()) {
                documented.put(endpoints.group(1) + " " + normalized(endpoints.group(2)), granted.group(1));
            }
        }

        assertThat(documented).isEqualTo(handlers);
    }

    @Test
    void theHealthComponentsAreTheDocumentedOnes() throws IOException {
        String observability = Files.readString(ROOT.resolve("docs/observability.md"));

        for (String endpoint : List.of("/actuator/health", "/actuator/health/readiness")) {
            String row = observability.lines().filter(line -> line.startsWith("| `" + endpoint + "` |"))
                    .findFirst().orElseThrow();
            // components named in the row, less those only present with a setting this service lacks (NATS_URL...)
            Set<String> documented = new TreeSet<>();
            Matcher component = Pattern.compile("`([a-z][A-Za-z]+)`(?! \\(with)").matcher(row.split("\\|")[2]);
            while (component.find()) {
                documented.add(component.group(1));
            }
            JsonNode components = service.management().get(endpoint).body().get("components");
            Set<String> actual = new TreeSet<>();
            if (components != null) {
                components.fieldNames().forEachRemaining(actual::add);
            }
            assertThat(actual).as(endpoint).isEqualTo(documented);
        }
        assertThat(observability).contains("`natsRelay` (with `NATS_URL`)", "`redis` (with `REDIS_URL`)",
                "| `/actuator/health/liveness` | the status of the application's liveness state alone, no components:");
        JsonNode liveness = service.management().get("/actuator/health/liveness").body();
        assertThat(liveness.get("status").asText()).isEqualTo("UP");
        assertThat(liveness.has("components")).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theComposeHealthCheckPassesOnAReadyServiceAndOnlyThere() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Object> ledger = ((Map<String, Map<String, Object>>) compose.get("services")).get("stock-ledger");
        List<String> test = (List<String>) ((Map<String, Object>) ledger.get("healthcheck")).get("test");
        assertThat(test.subList(0, 3)).containsExactly("CMD", "bash", "-c");
        String check = test.get(3);

        assertThat(check).contains("/dev/tcp/127.0.0.1/8081 ");
        assertThat(bash(check.replace("/dev/tcp/127.0.0.1/8081 ", "/dev/tcp/127.0.0.1/" + managementPort + " ")))
                .as("healthy on the management port").isZero();
        assertThat(bash(check.replace("/dev/tcp/127.0.0.1/8081 ", "/dev/tcp/127.0.0.1/" + port + " ")))
                .as("not healthy where readiness is not served").isNotZero();
    }

    private static int bash(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    private static String normalized(String path) {
        return path.replaceAll("\\{[^}]*}", "{}");
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
