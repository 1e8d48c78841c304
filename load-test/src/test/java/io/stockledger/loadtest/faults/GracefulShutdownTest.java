package io.stockledger.loadtest.faults;

import io.stockledger.loadtest.ClientTokens;
import io.stockledger.loadtest.RunObservations;
import io.stockledger.loadtest.SkuCatalog;
import io.stockledger.loadtest.SkuObservations;
import io.stockledger.loadtest.support.ControlledPostgres;
import io.stockledger.loadtest.support.Deployment;
import io.stockledger.loadtest.support.LoadTally;
import io.stockledger.loadtest.support.ServiceProcess;
import io.stockledger.loadtest.support.SteadyLoad;
import io.stockledger.loadtest.support.SuiteOutput;
import io.stockledger.testsupport.LocalPorts;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.stockledger.testsupport.Pauses.pause;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM under load, on the embedded default (the service starts its own PostgreSQL, as after the README's first
 * command): requests under way finish, the event processors stop, then the pool, then the database, and the process
 * exits cleanly. Before, the embedded database's own JVM shutdown hook stopped it at once, under processors still
 * polling: seconds of retries and stack traces in the log. No timing is asserted beyond a generous bound; the time it
 * took is printed (docs/reliability.md, "Shutdown").
 */
class GracefulShutdownTest {

    private static final String SECRET = "graceful-shutdown-secret-" + UUID.randomUUID();

    private final Path output = SuiteOutput.of("graceful-shutdown");
    private final ClientTokens tokens = new ClientTokens(SECRET, null, null, Duration.ofHours(1));

    @Test
    void sigtermFinishesTheRequestsUnderWayAndStopsWithoutAnError() throws IOException, SQLException {
        Files.createDirectories(output);
        Path run = Files.createTempDirectory(output, "run-");
        Path data = run.resolve("data").resolve("postgres");
        ServiceProcess service = ServiceProcess.start(Deployment.serviceJar(), Map.of(
                "JWT_SECRET", SECRET,
                "LEDGER_DATA_DIR", data.toString(),
                "LEDGER_EMBEDDED_PORT", String.valueOf(LocalPorts.free())), run.resolve("service.log"));
        SkuCatalog catalog = new SkuCatalog(UUID.randomUUID(), List.of(UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID()), 0.5);
        RunObservations observations = RunObservations.of(service.baseUrl(), catalog);
        LoadTally tally = new LoadTally();
        int exitCode;
        Duration stopping;
        Instant signalled;
        try {
            SteadyLoad.seed(service.baseUrl(), catalog, observations, tokens.warehouse(), sku -> 1_000_000);
            try (SteadyLoad load = SteadyLoad.start(List.of(service.baseUrl()), catalog, observations,
                    tokens.orderSystem(), 25, tally)) {
                pause(Duration.ofSeconds(3));
                // writes queued on one ledger: surely some are under way when the signal comes
                load.burst(0, 40);
                signalled = Instant.now();
                exitCode = service.terminate(Duration.ofSeconds(60));
                stopping = Duration.between(signalled, Instant.now());
            }
        } finally {
            service.kill();
        }

        System.out.printf("graceful-shutdown: exited %d after %d ms; answers %s; last 200 %d ms after SIGTERM%n",
                exitCode, stopping.toMillis(), tally.statusCounts(),
                Duration.between(signalled, tally.lastSuccess()).toMillis());
        assertThat(exitCode).as("exit code within a minute of SIGTERM (-1: still running)").isNotEqualTo(-1);
        assertThat(tally.serverErrorCount()).as(tally.serverErrorSamples().toString()).isZero();
        assertThat(tally.answersWithStatus(200)).isPositive();
        assertEveryAcknowledgedWriteIsStored(data, observations);
        assertLogIsClean(service.log());
    }

    private static void assertLogIsClean(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("ERROR lines or stack traces in " + log)
                .noneMatch(line -> line.contains(" ERROR ") || line.startsWith("\tat ")
                        || line.startsWith("Caused by:"));
        int shutdown = indexOf(lines, "Commencing graceful shutdown");
        assertThat(shutdown).as("the graceful shutdown began (" + log + ")").isNotNegative();
        assertThat(lines.subList(shutdown, lines.size())).as("warnings while shutting down, in " + log)
                .noneMatch(line -> line.contains(" WARN "));
    }

    /** Reads the store the stopped service left, with its own PostgreSQL binaries, on the same data directory. */
    private static void assertEveryAcknowledgedWriteIsStored(Path data, RunObservations observations)
            throws SQLException {
        Set<String> stored = new HashSet<>();
        try (ControlledPostgres postgres = ControlledPostgres.start(data);
             var connection = postgres.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT payload_type, convert_from(payload, 'UTF8')::jsonb ->> 'reservation_id'
                       FROM domain_event_entry WHERE payload_type LIKE '%.Reservation%'""")) {
            while (rows.next()) {
                String type = rows.getString(1);
                stored.add(type.substring(type.lastIndexOf('.') + 1) + " " + rows.getString(2));
            }
        }
        long acknowledged = 0;
        for (SkuObservations sku : observations.skus()) {
            for (UUID reservation : sku.reservations().keySet()) {
                acknowledged++;
                assertThat(stored).contains("ReservationRequested " + reservation);
            }
            for (UUID reservation : sku.confirmed()) {
                assertThat(stored).contains("ReservationConfirmed " + reservation);
            }
            for (UUID reservation : sku.released()) {
                assertThat(stored).containsAnyOf("ReservationReleased " + reservation,
                        "ReservationExpired " + reservation);
            }
        }
        assertThat(acknowledged).isPositive();
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

}
