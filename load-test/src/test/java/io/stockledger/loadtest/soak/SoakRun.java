package io.stockledger.loadtest.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.loadtest.ClientTokens;
import io.stockledger.loadtest.RunObservations;
import io.stockledger.loadtest.SkuCatalog;
import io.stockledger.loadtest.support.Deployment;
import io.stockledger.loadtest.support.LedgerInvariants;
import io.stockledger.loadtest.support.LoadTally;
import io.stockledger.loadtest.support.SteadyLoad;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak run (docs/reliability.md, "Soak run"): the deployment of the fault-injection suite under a steady load for
 * half an hour, with a sample every minute of the service's heap after a full GC, its database connections
 * ({@code pg_stat_activity}) and the p99 of the minute's answers. Writes {@code soak.csv} and {@code soak.svg} to
 * {@code target/soak}; at the end the invariants of the fault suite must hold. Tagged {@code soak}: not in
 * {@code ./mvnw verify}. Run it with
 * <pre>
 * ./mvnw -pl load-test -am test -Dtest=SoakRun -Dtest.excluded.groups= -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dsoak.minutes=30 -Dsoak.visitsPerSecond=50
 * </pre>
 */
@Tag("soak")
class SoakRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int minutes = Integer.getInteger("soak.minutes", 30);
    private final double visitsPerSecond = Double.parseDouble(System.getProperty("soak.visitsPerSecond", "50"));
    private final Path output = Path.of(System.getProperty("soak.outputDir", "target/soak")).toAbsolutePath();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void halfAnHourAtASteadyRate() throws Exception {
        List<SoakSample> samples = new ArrayList<>();
        try (Deployment deployment = Deployment.start(Deployment.serviceJar(), output, Map.of())) {
            ClientTokens tokens = deployment.tokens();
            List<UUID> products = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                products.add(UUID.randomUUID());
            }
            SkuCatalog catalog = new SkuCatalog(UUID.randomUUID(), products, 0.2);
            String url = deployment.service().baseUrl();
            RunObservations observations = RunObservations.of(url, catalog);
            SteadyLoad.seed(url, catalog, observations, tokens.warehouse(), sku -> sku == 1 ? 100 : 1_000_000);
            LoadTally tally = new LoadTally();
            Instant started = Instant.now();
            try (SteadyLoad load = SteadyLoad.start(List.of(url), catalog, observations, tokens.orderSystem(),
                    visitsPerSecond, tally)) {
                for (int minute = 0; minute < minutes; minute++) {
                    Thread.sleep(Duration.between(Instant.now(), started.plus(Duration.ofMinutes(minute + 1))));
                    samples.add(sample(deployment, tally, minute));
                    SoakReport.write(output, samples, visitsPerSecond);
                    System.out.println("soak " + samples.getLast());
                }
            }
            assertThat(samples).hasSize(minutes);
            new LedgerInvariants(() -> url, tokens.auditor(), deployment.postgres(), deployment.nats().url(),
                    Deployment.STREAM).assertAllHold(tally, observations);
        }
    }

    private SoakSample sample(Deployment deployment, LoadTally tally, int minute) throws Exception {
        long pid = deployment.service().pid();
        fullGc(pid);
        double heapMiB = metric(deployment.service().managementUrl(), "jvm.memory.used", "area:heap") / (1 << 20);
        int[] connections = connections(deployment);
        return new SoakSample(minute + 1, heapMiB, connections[0], connections[1],
                tally.p99MillisByMinute().getOrDefault((long) minute, Double.NaN), tally.answersInMinute(minute),
                tally.serverErrorCount(), tally.answersWithStatus(503) + tally.answersWithStatus(0));
    }

    /** A full collection in the service, so the heap figure is what is live, not what awaits collection. */
    private static void fullGc(long pid) throws IOException, InterruptedException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(pid), "GC.run")
                .redirectErrorStream(true).start();
        jcmd.getInputStream().readAllBytes();
        assertThat(jcmd.waitFor()).as("jcmd GC.run").isZero();
    }

    private double metric(String managementUrl, String name, String tag) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(managementUrl + "/actuator/metrics/" + name + "?tag=" + tag)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode measurements = JSON.readTree(response.body()).path("measurements");
        return measurements.get(0).path("value").asDouble();
    }

    /** [all connections of the service, those running a statement] from pg_stat_activity. */
    private static int[] connections(Deployment deployment) throws SQLException {
        try (var connection = deployment.postgres().connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT count(*), count(*) FILTER (WHERE state = 'active') FROM pg_stat_activity
                      WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()""")) {
            rows.next();
            return new int[] {rows.getInt(1), rows.getInt(2)};
        }
    }
}
