package io.stockledger.loadtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PushSubscribeOptions;
import io.nats.client.api.StreamInfo;
import io.stockledger.loadtest.BoundedConcurrency;
import io.stockledger.loadtest.OversellCheck;
import io.stockledger.loadtest.OversellReport;
import io.stockledger.loadtest.RunObservations;
import io.stockledger.loadtest.SkuObservations;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What must hold after any fault, checked from outside as a client, an auditor and a NATS consumer would see it:
 * <ul>
 *   <li>no answer was a 500 (a fault is a 503 with a reason);</li>
 *   <li>every write a client was told of (a 200) is in the event store, in the balance read model and in the
 *       reservation read model, and the ledger holds nothing beyond the requests that got no clear answer;</li>
 *   <li>no SKU was oversold (the oversell check's replay of every SKU's history);</li>
 *   <li>a reconciliation of the read models with the events finds no difference;</li>
 *   <li>the NATS stream holds every stored event exactly once (by {@code Nats-Msg-Id} = event id);</li>
 *   <li>every hash chain verifies.</li>
 * </ul>
 * The store's own rows are read over JDBC (only to list the event ids the stream must hold); everything else goes
 * through the public API.
 */
public final class LedgerInvariants {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private final Supplier<String> baseUrl;
    private final String auditorToken;
    private final ControlledPostgres store;
    private final String natsUrl;
    private final String streamName;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public LedgerInvariants(Supplier<String> baseUrl, String auditorToken, ControlledPostgres store, String natsUrl,
                            String streamName) {
        this.baseUrl = baseUrl;
        this.auditorToken = auditorToken;
        this.store = store;
        this.natsUrl = natsUrl;
        this.streamName = streamName;
    }

    /** Every invariant, in order; the first that fails stops the check with its reason. */
    public void assertAllHold(LoadTally tally, RunObservations observations) {
        assertNoServerError(tally);
        assertNoAcknowledgedReservationNotFound(tally);
        assertAcknowledgedWritesStoredAndNothingOversold(observations);
        assertReservationReadModelHoldsAcknowledgedWrites(observations);
        assertReconciliationFindsNothing();
        assertStreamHoldsEveryStoredEventOnce();
        assertEveryChainVerifies();
    }

    public void assertNoServerError(LoadTally tally) {
        assertThat(tally.serverErrorCount())
                .as("answers 5xx other than 503 (statuses %s), e.g. %s", tally.statusCounts(),
                        tally.serverErrorSamples())
                .isZero();
    }

    /**
     * The load confirms or releases only reservations the service acknowledged (a 200), so a 404 is a reservation
     * that exists answered as unknown: an instance deciding on a copy of its ledger older than the store.
     */
    public void assertNoAcknowledgedReservationNotFound(LoadTally tally) {
        assertThat(tally.answersWithStatus(404))
                .as("404 answers to requests about acknowledged reservations, e.g. %s", tally.notFoundSamples())
                .isZero();
    }

    /** The oversell check: each SKU's history replayed, the service's balances and the clients' answers. */
    public void assertAcknowledgedWritesStoredAndNothingOversold(RunObservations observations) {
        OversellReport report = OversellCheck.run(baseUrl.get(), auditorToken, observations);
        assertThat(report.passed()).as(report.summary()).isTrue();
    }

    /** {@code GET /v1/reservations/{id}} shows each acknowledged reservation in the state the client was told. */
    public void assertReservationReadModelHoldsAcknowledgedWrites(RunObservations observations) {
        Map<UUID, Set<String>> expected = new HashMap<>();
        for (SkuObservations sku : observations.skus()) {
            sku.reservations().keySet().forEach(id -> expected.put(id, Set.of("PENDING", "CONFIRMED", "RELEASED",
                    "EXPIRED")));
            sku.confirmed().forEach(id -> expected.put(id, Set.of("CONFIRMED")));
            sku.released().forEach(id -> expected.put(id, Set.of("RELEASED", "EXPIRED")));
        }
        Map<UUID, Set<String>> unmatched = new HashMap<>(expected);
        await("the reservation read model to show every acknowledged reservation").atMost(SETTLE)
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    unmatched.keySet().removeAll(matching(unmatched));
                    assertThat(unmatched).as("reservations whose read model differs from what clients were told")
                            .isEmpty();
                });
    }

    private Set<UUID> matching(Map<UUID, Set<String>> expected) throws Exception {
        Set<UUID> matched = java.util.concurrent.ConcurrentHashMap.newKeySet();
        BoundedConcurrency.runEach(List.copyOf(expected.entrySet()), 16, reservation -> {
            HttpResponse<String> response = get("/v1/reservations/" + reservation.getKey());
            if (response.statusCode() == 200
                    && reservation.getValue().contains(JSON.readTree(response.body()).path("status").asText())) {
                matched.add(reservation.getKey());
            }
        });
        return matched;
    }

    public void assertReconciliationFindsNothing() {
        assertJobFindsNothing("/v1/audit/reconcile");
    }

    public void assertEveryChainVerifies() {
        assertJobFindsNothing("/v1/audit/verify");
    }

    private void assertJobFindsNothing(String path) {
        JsonNode started = await(path + " to be accepted").atMost(SETTLE).pollInterval(Duration.ofSeconds(1))
                .until(() -> postIfAccepted(path), node -> node != null);
        String job = started.path("job_id").asText();
        JsonNode finished = await("audit job " + job + " to finish").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(get("/v1/audit/jobs/" + job).body()),
                        node -> !"RUNNING".equals(node.path("status").asText()));
        assertThat(finished.path("status").asText()).as(path + ": " + finished).isEqualTo("SUCCEEDED");
        assertThat(finished.path("findings").asLong(-1))
                .as(path + " findings: " + get("/v1/audit/jobs/" + job + "/findings").body()).isZero();
    }

    /** The stream's messages are exactly the stored events, each once, once the relay has caught up. */
    public void assertStreamHoldsEveryStoredEventOnce() {
        List<String> stored = storedEventIds();
        Options options = new Options.Builder().server(natsUrl).connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(-1).build();
        try (Connection nats = Nats.connect(options)) {
            JetStreamManagement streams = nats.jetStreamManagement();
            await("the relay to publish the " + stored.size() + " stored events").atMost(SETTLE)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> streams.getStreamInfo(streamName).getStreamState().getMsgCount(),
                            count -> count >= stored.size());
            StreamInfo info = streams.getStreamInfo(streamName);
            long count = info.getStreamState().getMsgCount();
            List<String> published = new ArrayList<>();
            // an ordered consumer reads the whole stream in order, far faster than a request per message
            JetStreamSubscription reader = nats.jetStream().subscribe(
                    info.getConfiguration().getSubjects().getFirst(),
                    PushSubscribeOptions.builder().stream(streamName).ordered(true).build());
            while (published.size() < count) {
                Message message = reader.nextMessage(Duration.ofSeconds(10));
                assertThat(message).as("message %d of %d of the stream", published.size() + 1, count).isNotNull();
                published.add(message.getHeaders().getFirst("Nats-Msg-Id"));
            }
            reader.unsubscribe();
            Set<String> once = new HashSet<>();
            List<String> twice = published.stream().filter(id -> !once.add(id)).toList();
            assertThat(twice).as("events published more than once").isEmpty();
            assertThat(once).as("the stream's event ids against the store's").isEqualTo(new HashSet<>(stored));
        } catch (IOException | JetStreamApiException e) {
            throw new IllegalStateException("cannot read the stream " + streamName + " at " + natsUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<String> storedEventIds() {
        List<String> ids = new ArrayList<>();
        try (var connection = store.connect(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT convert_from(payload, 'UTF8')::jsonb ->> 'event_id' FROM domain_event_entry
                      ORDER BY global_index""")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the stored events", e);
        }
        assertThat(ids).as("stored events without an event id").doesNotContainNull();
        return ids;
    }

    private JsonNode postIfAccepted(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + auditorToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 503) {
            return null;
        }
        assertThat(response.statusCode()).as("POST " + path + ": " + response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + auditorToken)
                .header("Accept", "application/json").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
