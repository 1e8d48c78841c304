package io.stockledger.api.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.support.EventSchemaValidator;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.NatsCluster;
import io.stockledger.api.support.NatsServer;
import io.stockledger.api.support.ServiceInstance;
import io.stockledger.api.support.StockedSku;
import io.stockledger.api.support.StreamReader;
import io.stockledger.testsupport.TestDatabase;
import io.stockledger.events.EventTypes;
import io.stockledger.events.LedgerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay against a real NATS server that each test owns (its own port and store, so it can be stopped and
 * started): every event in the store reaches the stream exactly once, in store order per SKU, with the contract's
 * headers, across a NATS outage, a service restart, and a relay switched on after the fact.
 */
class NatsRelayTest {

    private static final String STREAM = "INVENTORY";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestDatabase database;
    private JdbcTemplate jdbc;
    private NatsServer nats;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void freshDatabaseAndNats() {
        database = TestDatabase.createFresh();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password()));
        nats = NatsServer.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        nats.close();
    }

    @Test
    void everyEventArrivesOnceInStoreOrderWithTheContractHeaders() throws Exception {
        ServiceInstance service = start("--NATS_URL=" + nats.url());
        LedgerClient client = service.client();
        for (int i = 0; i < 2; i++) {
            StockedSku sku = client.stockNewSku(30);
            String shipped = client.reserve(sku, 4).text("reservation_id");
            String cancelled = client.reserve(sku, 2).text("reservation_id");
            client.confirm(shipped);
            client.release(cancelled);
            client.adjust(sku.product(), sku.warehouse(), -1, "DAMAGE", LedgerClient.key());
        }

        List<StreamReader.Message> messages = allMessagesOnceCaughtUp();

        List<Map<String, Object>> stored = jdbc.queryForList("""
                SELECT aggregate_identifier, sequence_number, payload_type, convert_from(payload, 'UTF8') AS payload
                  FROM domain_event_entry ORDER BY global_index""");
        assertThat(messages).hasSize(stored.size()).hasSize(12);
        for (int i = 0; i < stored.size(); i++) {
            Map<String, Object> event = stored.get(i);
            StreamReader.Message message = messages.get(i);
            JsonNode payload = JSON.readTree((String) event.get("payload"));
            @SuppressWarnings("unchecked")
            Class<? extends LedgerEvent> type = (Class<? extends LedgerEvent>) Class.forName(
                    (String) event.get("payload_type"));
            assertThat(message.subject()).isEqualTo(EventTypes.subjectOf(type));
            assertThat(message.body()).as("payload as stored").isEqualTo(payload);
            assertThat(EventSchemaValidator.errors(EventTypes.schemaIdOf(type), message.body()))
                    .as("payload valid against %s", EventTypes.schemaIdOf(type)).isEmpty();
            assertThat(message.header("Nats-Msg-Id")).isEqualTo(payload.path("event_id").asText());
            assertThat(message.header("ce-id")).isEqualTo(payload.path("event_id").asText());
            assertThat(message.header("ce-type")).isEqualTo(EventTypes.schemaIdOf(type));
            assertThat(message.header("ce-specversion")).isEqualTo("1.0");
            assertThat(message.header("ce-source")).isEqualTo("urn:stock-ledger");
            assertThat(message.header("ce-time")).isNotBlank();
            assertThat(message.header("ce-subject")).isEqualTo(
                    payload.path("product_id").asText() + "/" + payload.path("warehouse_id").asText());
            assertThat(message.header("Ledger-Aggregate-Id")).isEqualTo(event.get("aggregate_identifier"));
            assertThat(message.header("Ledger-Sequence")).isEqualTo(event.get("sequence_number").toString());
            assertThat(message.header("Trace-Id")).isEqualTo(payload.path("trace_id").asText());
        }
    }

    @Test
    void theStreamIsCreatedAtStartupWithTheConfiguredShape() throws Exception {
        start("--NATS_URL=" + nats.url(), "--ledger.relay.max-age=3d");

        try (io.nats.client.Connection connection = io.nats.client.Nats.connect(nats.url())) {
            io.nats.client.api.StreamConfiguration stream = connection.jetStreamManagement()
                    .getStreamInfo(STREAM).getConfiguration();
            assertThat(stream.getSubjects()).containsExactly("inventory.>");
            assertThat(stream.getStorageType()).isEqualTo(io.nats.client.api.StorageType.File);
            assertThat(stream.getRetentionPolicy()).isEqualTo(io.nats.client.api.RetentionPolicy.Limits);
            assertThat(stream.getMaxAge()).isEqualTo(Duration.ofDays(3));
        }
    }

    @Test
    void theServiceStartsWithNatsDownAndPublishesOnceNatsArrives() throws Exception {
        nats.stop();
        ServiceInstance service = start("--NATS_URL=" + nats.url());
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();

        assertThat(service.client().receive(product, warehouse, 5).status()).isEqualTo(200);
        assertThat(service.management().get("/actuator/health").body().path("components").path("natsRelay")
                .path("status").asText()).isEqualTo("DEGRADED");
        nats.startAgain();

        assertExactlyOnceInStoreOrder(allMessagesOnceCaughtUp());
    }

    @Test
    void aNatsOutageLosesNothingAndDuplicatesNothing() throws Exception {
        ServiceInstance service = start("--NATS_URL=" + nats.url());
        LedgerClient client = service.client();
        StockedSku sku = client.stockNewSku(100);
        allMessagesOnceCaughtUp();

        nats.stop();
        for (int i = 0; i < 20; i++) {
            assertThat(client.reserve(sku, 1).status())
                    .as("the ledger keeps taking commands while NATS is down").isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                service.management().get("/actuator/health").body().path("components").path("natsRelay").path("status").asText())
                .isEqualTo("DEGRADED"));
        nats.startAgain();

        List<StreamReader.Message> messages = allMessagesOnceCaughtUp();
        assertExactlyOnceInStoreOrder(messages);
        assertThat(messages).hasSize(21);
    }

    @Test
    void aRelaySwitchedOnLaterPublishesTheBacklogAndARestartMidStreamLosesAndRepeatsNothing() throws Exception {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        try (ServiceInstance withoutNats = ServiceInstance.on(database)) {
            withoutNats.client().receive(product, warehouse, 1000);
            for (int i = 0; i < 10; i++) {
                withoutNats.client().reserve(product, warehouse, 1, LedgerClient.key());
            }
        }

        ServiceInstance first = ServiceInstance.on(database, "--NATS_URL=" + nats.url());
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        List<LedgerClient> clients = new ArrayList<>(List.of(first.client()));
        Thread writer = Thread.ofVirtual().start(() -> {
            while (writing.get()) {
                try {
                    if (clients.getLast().reserve(product, warehouse, 1, LedgerClient.key()).status() == 200) {
                        written.incrementAndGet();
                    }
                } catch (RuntimeException instanceGoingDown) {
                    // the instance is restarting; the next call goes to the new one
                }
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> written.get() >= 30);
        first.close();
        ServiceInstance second = start("--NATS_URL=" + nats.url());
        clients.add(second.client());
        await().atMost(Duration.ofSeconds(20)).until(() -> written.get() >= 60);
        writing.set(false);
        writer.join();

        List<StreamReader.Message> messages = allMessagesOnceCaughtUp();
        assertExactlyOnceInStoreOrder(messages);
        assertThat(messages.size()).isGreaterThanOrEqualTo(1 + 10 + 60);
    }

    @Test
    void aReplayRepublishesARangeAndTheServerDropsWhatItStillRemembers() throws Exception {
        ServiceInstance service = start("--NATS_URL=" + nats.url(), "--ledger.relay.duplicate-window=2s");
        LedgerClient client = service.client();
        StockedSku sku = client.stockNewSku(10);
        client.reserve(sku, 1);
        client.reserve(sku, 1);
        allMessagesOnceCaughtUp();
        List<Long> positions = jdbc.queryForList("SELECT global_index FROM domain_event_entry ORDER BY 1", Long.class);
        Map<String, Object> range = Map.of("from_position", positions.get(1), "to_position", positions.get(2));

        LedgerClient.Response withinWindow = client.post("/v1/admin/relay/replay", range);
        assertThat(withinWindow.status()).isEqualTo(200);
        assertThat(withinWindow.number("duplicates")).isEqualTo(2);
        assertThat(withinWindow.number("published")).isZero();

        Thread.sleep(2_500); // past the duplicate window: the server no longer remembers those ids
        LedgerClient.Response afterWindow = client.post("/v1/admin/relay/replay", range);
        assertThat(afterWindow.number("published")).isEqualTo(2);
        try (StreamReader reader = new StreamReader(nats.url(), STREAM)) {
            List<StreamReader.Message> messages = reader.all();
            assertThat(messages).hasSize(5);
            assertThat(messages.subList(3, 5)).extracting(message -> message.header("Ledger-Sequence"))
                    .containsExactly("1", "2");
        }
    }

    /**
     * A single server acknowledges a publish before it is on disk (it syncs its files every two minutes by default),
     * so the crash of its machine can lose what the relay was told is stored. Kept on three servers of a cluster,
     * the stream holds each event once a majority has it, and goes on taking events when one server, even the
     * stream's leader, is gone.
     */
    @Test
    void aStreamKeptOnThreeServersGoesOnWhenItsLeaderIsGone() throws Exception {
        try (NatsCluster cluster = NatsCluster.startThree()) {
            ServiceInstance service = start("--NATS_URL=" + cluster.urls(), "--NATS_STREAM_REPLICAS=3");
            LedgerClient client = service.client();
            StockedSku sku = client.stockNewSku(30);
            client.confirm(client.reserve(sku, 4).text("reservation_id"));
            allMessagesOnceCaughtUp(cluster.urls());

            String leader;
            try (io.nats.client.Connection connection = io.nats.client.Nats.connect(cluster.urls())) {
                io.nats.client.api.StreamInfo stream = connection.jetStreamManagement().getStreamInfo(STREAM);
                assertThat(stream.getConfiguration().getReplicas()).isEqualTo(3);
                assertThat(stream.getClusterInfo().getReplicas()).as("the leader's two followers").hasSize(2);
                leader = stream.getClusterInfo().getLeader();
            }
            cluster.stop(leader);

            client.release(client.reserve(sku, 2).text("reservation_id"));
            client.adjust(sku.product(), sku.warehouse(), -1, "DAMAGE", LedgerClient.key());

            List<StreamReader.Message> messages = allMessagesOnceCaughtUp(cluster.urls());
            assertThat(messages).hasSize(6);
            assertExactlyOnceInStoreOrder(messages);
        }
    }

    private ServiceInstance start(String... arguments) {
        ServiceInstance instance = ServiceInstance.on(database, arguments);
        toClose.add(instance);
        return instance;
    }

    private List<StreamReader.Message> allMessagesOnceCaughtUp() throws Exception {
        return allMessagesOnceCaughtUp(nats.url());
    }

    private List<StreamReader.Message> allMessagesOnceCaughtUp(String natsUrls) throws Exception {
        try (StreamReader reader = new StreamReader(natsUrls, STREAM)) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(reader.count())
                    .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)));
            return reader.all();
        }
    }

    /** Every stored event once, no other message, and each SKU's events in the order of their sequence numbers. */
    private void assertExactlyOnceInStoreOrder(List<StreamReader.Message> messages) {
        List<String> storedIds = jdbc.queryForList(
                "SELECT convert_from(payload, 'UTF8')::json->>'event_id' FROM domain_event_entry", String.class);
        List<String> streamedIds = messages.stream().map(message -> message.header("Nats-Msg-Id")).toList();
        assertThat(new HashSet<>(streamedIds)).as("no duplicates").hasSize(streamedIds.size());
        assertThat(streamedIds).containsExactlyInAnyOrderElementsOf(storedIds);
        Map<String, Long> lastSequencePerSku = new HashMap<>();
        for (StreamReader.Message message : messages) {
            long sequence = Long.parseLong(message.header("Ledger-Sequence"));
            Long previous = lastSequencePerSku.put(message.header("Ledger-Aggregate-Id"), sequence);
            assertThat(sequence).as("per-SKU order").isEqualTo(previous == null ? 0 : previous + 1);
        }
    }
}
