package io.stockledger.api.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml and the Dockerfile, checked without a Docker daemon: the stack is wired with the service's
 * own settings (every variable one the README documents, URLs pointing at the compose services, ports and health
 * checks where the service listens), PostgreSQL, Redis and NATS claim no host port, the profile "scaled" puts three
 * such instances behind HAProxy, and the image runs as a user who can write its data directory.
 */
class ContainerConfigurationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theStackHasEveryServiceAndTheBackingServicesClaimNoHostPort() throws IOException {
        Map<String, Map<String, Object>> services = services();

        assertThat(compose().inProfile("")).as("`docker compose up`")
                .containsOnlyKeys("postgres", "redis", "nats", "stock-ledger", "prometheus", "grafana");
        for (String backing : List.of("postgres", "redis", "nats")) {
            assertThat(services.get(backing)).as(backing + " publishes no port on the host").doesNotContainKey("ports");
            assertThat(services.get(backing)).as(backing + " has a health check").containsKey("healthcheck");
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> dependsOn =
                (Map<String, Map<String, String>>) services.get("stock-ledger").get("depends_on");
        assertThat(dependsOn).containsOnlyKeys("postgres", "redis", "nats");
        dependsOn.values().forEach(condition -> assertThat(condition).containsEntry("condition", "service_healthy"));
    }

    @Test
    void theServiceIsConfiguredWithDocumentedVariablesPointingAtTheComposeServices() throws IOException {
        Map<String, Map<String, Object>> services = services();
        Map<String, String> environment = environment(services.get("stock-ledger"));
        Map<String, String> postgres = environment(services.get("postgres"));
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String configuration = readme.substring(readme.indexOf("## Configuration"),
                readme.indexOf("\n## ", readme.indexOf("## Configuration") + 1));

        environment.keySet().forEach(variable -> assertThat(configuration)
                .as("%s is documented in the README's Configuration", variable).contains("`" + variable + "`"));
        assertThat(environment.get("DATABASE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
        assertThat(environment.get("DATABASE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(environment.get("DATABASE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
        assertThat(environment.get("REDIS_URL")).isEqualTo("redis://redis:6379");
        assertThat(environment.get("NATS_URL")).isEqualTo("nats://nats:4222");
        assertThat(environment.get("JWT_SECRET").getBytes(StandardCharsets.UTF_8))
                .as("at least 32 bytes, or the service refuses to start").hasSizeGreaterThanOrEqualTo(32);
        assertThat(readme).as("the README names the compose secret for minting tokens")
                .contains("`docker-compose.yml`");

        String port = environment.get("PORT");
        String managementPort = environment.get("MANAGEMENT_SERVER_PORT");
        assertThat(services.get("stock-ledger").get("ports")).asList()
                .anySatisfy(mapping -> assertThat(mapping.toString()).endsWith(":" + port))
                .anySatisfy(mapping -> assertThat(mapping.toString()).endsWith(":" + managementPort));
        assertThat(services.get("stock-ledger").get("healthcheck").toString())
                .contains("/dev/tcp/127.0.0.1/" + managementPort, "GET /actuator/health/readiness");
    }

    @Test
    void theScaledProfileRunsThreeInstancesOnOneDatabaseBehindHaproxy() throws IOException {
        ComposeFile compose = compose();
        Map<String, String> single = compose.environment("stock-ledger");
        List<String> instances = List.of("stock-ledger-1", "stock-ledger-2", "stock-ledger-3");

        assertThat(compose.inProfile("scaled")).containsOnlyKeys("stock-ledger-1", "stock-ledger-2", "stock-ledger-3",
                "haproxy");
        for (String instance : instances) {
            Map<String, Object> service = compose.service(instance);
            Map<String, String> environment = compose.environment(instance);
            assertThat(environment).as("%s: the single instance's settings and its routing", instance)
                    .containsAllEntriesOf(single)
                    .containsEntry("LEDGER_ROUTING", "jgroups")
                    .containsEntry("LEDGER_ROUTING_BIND_ADDRESS", instance)
                    .hasSize(single.size() + 2);
            assertThat(service).as("%s publishes no port: HAProxy does", instance).doesNotContainKey("ports");
            assertThat(service.get("depends_on")).isEqualTo(compose.service("stock-ledger").get("depends_on"));
            assertThat(service.get("healthcheck")).isEqualTo(compose.service("stock-ledger").get("healthcheck"));
        }

        Map<String, Object> haproxy = compose.service("haproxy");
        assertThat(haproxy.get("image").toString()).startsWith("haproxy:2.9");
        assertThat(haproxy.get("depends_on")).asList().containsExactlyInAnyOrderElementsOf(instances);
        assertThat(haproxy.get("ports")).asList().singleElement().asString()
                .as("a host port of its own, not the single instance's")
                .doesNotStartWith("${LEDGER_HOST_PORT").endsWith(":8080");
        String mount = haproxy.get("volumes").toString();
        String config = Files.readString(ROOT.resolve(mount.substring(mount.indexOf("./") + 2, mount.indexOf(':'))));
        assertThat(mount).contains(":/usr/local/etc/haproxy/haproxy.cfg:ro");
        assertThat(config).containsPattern("(?m)^\\s*bind :8080$")
                .containsPattern("(?m)^\\s*balance roundrobin$")
                .containsPattern("(?m)^\\s*option httpchk GET /actuator/health/readiness$")
                .containsPattern("(?m)^\\s*default-server check port " + single.get("MANAGEMENT_SERVER_PORT") + " ");
        List<String> servers = config.lines().map(String::strip).filter(line -> line.startsWith("server ")).toList();
        assertThat(servers).containsExactlyElementsOf(instances.stream()
                .map(instance -> "server " + instance + " " + instance + ":" + single.get("PORT")).toList());
    }

    /**
     * The image reserves its whole heap at start, keeps it (G1 would shrink it after a concurrent cycle however large
     * the initial heap was) and touches it: a heap that grows as it goes made G1 collect more often, promote more and
     * fault pages in inside its pauses. Three quarters of the container's memory; without a limit that is three
     * quarters of the host, for every instance, so compose gives each one.
     */
    @Test
    void everyInstanceHasAMemoryLimitForTheHeapTheImageReservesAtStart() throws IOException {
        Matcher options = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"")
                .matcher(Files.readString(ROOT.resolve("Dockerfile")));
        assertThat(options.find()).as("the Dockerfile sets JAVA_TOOL_OPTIONS").isTrue();
        String java = options.group(1);
        Matcher maximum = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(java);
        assertThat(maximum.find()).as(java).isTrue();
        assertThat(java).as("the whole heap from the start, never given back, touched at start")
                .contains("-XX:InitialRAMPercentage=" + maximum.group(1) + " ", "-XX:MaxHeapFreeRatio=100 ",
                        "-XX:+AlwaysPreTouch");

        ComposeFile compose = compose();
        for (String instance : List.of("stock-ledger", "stock-ledger-1", "stock-ledger-2", "stock-ledger-3")) {
            assertThat(compose.service(instance)).as("%s has a memory limit", instance)
                    .hasEntrySatisfying("mem_limit", limit -> assertThat(limit.toString()).matches("\\d+[mg]"));
        }
    }

    @Test
    void prometheusScrapesTheManagementPort() throws IOException {
        String managementPort = environment(services().get("stock-ledger")).get("MANAGEMENT_SERVER_PORT");
        String prometheus = Files.readString(ROOT.resolve("ops/prometheus/prometheus.yml"));

        assertThat(prometheus).contains("metrics_path: /actuator/prometheus")
                .contains("\"stock-ledger:" + managementPort + "\"");
    }

    @Test
    void theImageBuildsEveryModuleAndRunsAsAUserWhoOwnsItsDataDirectory() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        String pom = Files.readString(ROOT.resolve("pom.xml"));

        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        int modules = 0;
        while (module.find()) {
            modules++;
            assertThat(dockerfile).as("the dependency layer copies %s's pom", module.group(1))
                    .contains("COPY " + module.group(1) + "/pom.xml " + module.group(1) + "/");
        }
        assertThat(modules).isGreaterThanOrEqualTo(6);
        assertThat(dockerfile).as("a failing dependency layer is not hidden")
                .contains("RUN ./mvnw -B -q dependency:go-offline -DexcludeReactor=true\n").doesNotContain("|| true");
        assertThat(dockerfile).containsPattern("(?m)^USER ledger$")
                .contains("chown ledger:ledger /app/data")
                .contains("LEDGER_DATA_DIR=/app/data/postgres")
                .containsPattern("(?m)^HEALTHCHECK .*")
                .contains("GET /actuator/health/readiness")
                .contains("EXPOSE 8080 8081");
    }

    private static ComposeFile compose() throws IOException {
        return ComposeFile.read(ROOT.resolve("docker-compose.yml"));
    }

    private static Map<String, Map<String, Object>> services() throws IOException {
        return compose().services();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        return (Map<String, String>) service.get("environment");
    }
}
