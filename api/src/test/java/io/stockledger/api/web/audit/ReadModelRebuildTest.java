package io.stockledger.api.web.audit;

import io.stockledger.api.support.AuditJobRuns;
import io.stockledger.api.support.ExpectedProblems;
import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ScriptedHistory;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ReadModelTables;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.SyntheticLedgers;
import io.stockledger.api.support.TestTokens;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/admin/read-models/rebuild}: the read models rebuilt from the event store into shadow tables while
 * the service answers from the current ones, which keep following the ledger, and switched in one transaction. To
 * look at the service in the middle of a rebuild, the test holds a lock the rebuild needs: the read-model processor's
 * token rows (the switch takes them first) or a shadow table (the replay writes it).
 */
class ReadModelRebuildTest extends ServiceIntegrationTest {

    @Autowired
    private EventStorageEngine storage;

    private final UUID warehouse = UUID.randomUUID();

    /** Ten events: on hand 33 at the end, all of it in the default lot (the dated lot L-RB is shipped). */
    private UUID history() {
        UUID product = UUID.randomUUID();
        ScriptedHistory.sixEvents(client, product, warehouse);
        // a dated lot, picked first (FEFO), shipped, then quarantined: the lot tables must rebuild too
        assertThat(client.receiveLot(product, warehouse, 5, "L-RB", java.time.LocalDate.now().plusDays(400))
                .status()).isEqualTo(200);
        String dated = client.reserve(product, warehouse, 5, LedgerClient.key()).text("reservation_id");
        assertThat(client.confirm(dated).status()).isEqualTo(200);
        assertThat(client.post("/v1/batches/quarantine", java.util.Map.of("product_id", product.toString(),
                "warehouse_id", warehouse.toString(), "batch_number", "L-RB", "reason", "recall")).status())
                .isEqualTo(200);
        return product;
    }

    private void readModelsCaughtUp() {
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM stock_movement", Long.class) >= events);
    }

    private long onHand(UUID product) {
        Response stock = client.stock(product, warehouse);
        assertThat(stock.status()).as(stock.raw()).isEqualTo(200);
        return stock.number("on_hand");
    }

    @Test
    void aRebuildRepairsCorruptedReadModelsAndTheServiceAnswersFromTheOldOnesUntilTheSwitch() throws Exception {
        UUID raised = history();
        UUID journalRowLost = history();
        UUID reservationsLost = history();
        history();
        readModelsCaughtUp();
        List<Map<String, Object>> projected = ReadModelTables.snapshot(jdbc);
        // the relay's token (here a stand-in) must come through a rebuild untouched
        jdbc.update("""
                INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp)
                VALUES ('nats-relay', 0, convert_to('{"index":3,"gaps":[]}', 'UTF8'),
                        'org.axonframework.eventhandling.GapAwareTrackingToken', '2025-01-01T00:00:00.000Z')""");
        Map<String, Object> relayToken = jdbc.queryForMap("SELECT * FROM token_entry WHERE processor_name = 'nats-relay'");

        jdbc.update("UPDATE stock_balance SET on_hand = on_hand + 7 WHERE product_id = ?", raised);
        jdbc.update("DELETE FROM stock_movement WHERE product_id = ? AND sequence_number = 2", journalRowLost);
        jdbc.update("DELETE FROM reservation WHERE product_id = ?", reservationsLost);
        UUID phantom = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO stock_balance (product_id, warehouse_id, on_hand, reserved, last_sequence, updated_at)
                VALUES (?, ?, 12, 0, 0, now())""", phantom, warehouse);
        JsonNode before = AuditJobRuns.run(client, "/v1/audit/reconcile", null);
        assertThat(before.path("findings").asLong()).as("the corruption is visible").isGreaterThanOrEqualTo(4);
        assertThat(onHand(raised)).isEqualTo(40);

        try (Connection blocker = jdbc.getDataSource().getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                // the switch must wait for this: the rebuild is held just before it replaces any row
                statement.execute("SELECT * FROM token_entry WHERE processor_name = 'read-models' FOR UPDATE");
            }
            Response started = client.postRaw("/v1/admin/read-models/rebuild", "");
            assertThat(started.status()).as(started.raw()).isEqualTo(202);
            assertThat(started.text("kind")).isEqualTo("REBUILD");
            String location = started.header("Location");
            await().atMost(Duration.ofSeconds(60)).until(() -> "SWITCHING".equals(client.get(location)
                    .text("phase")));

            // replayed into the copies, not yet switched: the service still answers from the old tables
            assertThat(onHand(raised)).isEqualTo(40);
            assertThat(client.stock(phantom, warehouse).status()).isEqualTo(200);
            assertThat(jdbc.queryForObject("SELECT on_hand FROM read_model_rebuild.stock_balance WHERE product_id = ?",
                    Long.class, raised)).as("the copy is already right").isEqualTo(33);
            // one rebuild at a time
            Response second = client.postRaw("/v1/admin/read-models/rebuild", "");
            ExpectedProblems.assertProblem(second, 409, "REBUILD_IN_PROGRESS");
            assertThat(second.text("job_id")).isEqualTo(started.text("job_id"));

            blocker.rollback();
            JsonNode done = AuditJobRuns.awaitEnd(client, location);
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.path("phase").asText()).isEqualTo("DONE");
            assertThat(done.path("events_read").asLong()).isEqualTo(
                    jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class));
            assertThat(done.path("events_per_second").asDouble()).isPositive();
        }

        assertThat(ReadModelTables.snapshot(jdbc)).as("exactly what the projections had built")
                .isEqualTo(projected);
        assertThat(onHand(raised)).isEqualTo(33);
        assertThat(client.stock(phantom, warehouse).status()).isEqualTo(404);
        assertThat(AuditJobRuns.run(client, "/v1/audit/reconcile", null).path("findings").asLong()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?",
                Long.class, "read_model_rebuild")).as("the shadow tables are gone").isZero();
        assertThat(jdbc.queryForMap("SELECT * FROM token_entry WHERE processor_name = 'nats-relay'"))
                .usingRecursiveComparison().isEqualTo(relayToken);

        // and the processor goes on from where the rebuild stopped
        assertThat(client.adjust(raised, warehouse, 4, "FOUND", LedgerClient.key()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> onHand(raised) == 37);
    }

    @Test
    void theCurrentReadModelsKeepFollowingTheLedgerWhileTheRebuildReplays() throws Exception {
        // enough events that the replay takes several chunks
        new SyntheticLedgers(storage, 500).write(warehouse, 1_200, 6, Instant.now().minusSeconds(86_400));
        readModelsCaughtUp();

        Response started = client.postRaw("/v1/admin/read-models/rebuild", "");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String location = started.header("Location");
        UUID arrivesMeanwhile = UUID.randomUUID();
        try (Connection blocker = jdbc.getDataSource().getConnection()) {
            blocker.setAutoCommit(false);
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                    SELECT count(*) FROM information_schema.tables
                     WHERE table_schema = 'read_model_rebuild' AND table_name = 'stock_movement'""",
                    Long.class) == 1);
            try (Statement statement = blocker.createStatement()) {
                // the replay's next write into the copies waits for this
                statement.execute("LOCK TABLE read_model_rebuild.stock_movement IN ACCESS EXCLUSIVE MODE");
            }
            // the job may still be finishing its preparation; its replay then waits for the lock
            await().atMost(Duration.ofSeconds(30)).until(() -> "REPLAYING".equals(client.get(location)
                    .text("phase")));
            JsonNode held = client.get(location).body();
            assertThat(held.path("phase").asText()).as("held while replaying: %s", held).isEqualTo("REPLAYING");
            assertThat(held.path("events_read").asLong()).isLessThan(7_200);

            assertThat(client.receive(arrivesMeanwhile, warehouse, 9).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(arrivesMeanwhile, warehouse)
                    .status() == 200);
            assertThat(onHand(arrivesMeanwhile)).isEqualTo(9);
            blocker.rollback();
        }
        JsonNode done = AuditJobRuns.awaitEnd(client, location);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(onHand(arrivesMeanwhile)).as("in the rebuilt tables too").isEqualTo(9);
        readModelsCaughtUp();
        assertThat(AuditJobRuns.run(client, "/v1/audit/reconcile", null).path("findings").asLong()).isZero();
    }

    @Test
    void transfersBetweenWarehousesRebuildToWhatTheProjectionsBuilt() {
        // a transfer's row is written by the events of two ledgers: its shipment and its receipt
        UUID destination = UUID.randomUUID();
        List<String> transfers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID product = UUID.randomUUID();
            assertThat(client.receive(product, warehouse, 20).status()).isEqualTo(200);
            Response shipped = client.post("/v1/transfers", Map.of("product_id", product.toString(),
                    "from_warehouse_id", warehouse.toString(), "to_warehouse_id", destination.toString(),
                    "quantity", 3 + i, "idempotency_key", LedgerClient.key()));
            assertThat(shipped.status()).as(shipped.raw()).isBetween(200, 299);
            transfers.add(shipped.text("transfer_id"));
            assertThat(client.reserve(product, warehouse, 2, LedgerClient.key()).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> transfers.stream()
                .allMatch(id -> "RECEIVED".equals(client.get("/v1/transfers/" + id).text("status"))));
        readModelsCaughtUp();
        List<Map<String, Object>> projected = ReadModelTables.snapshot(jdbc);
        jdbc.update("DELETE FROM stock_transfer");
        jdbc.update("UPDATE stock_balance SET on_hand = 0 WHERE warehouse_id = ?", destination);

        JsonNode done = AuditJobRuns.run(client, "/v1/admin/read-models/rebuild", null);

        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        assertThat(ReadModelTables.snapshot(jdbc)).as("exactly what the projections had built")
                .isEqualTo(projected);
        assertThat(client.get("/v1/transfers/" + transfers.getLast()).text("status")).isEqualTo("RECEIVED");
    }

    @Test
    void rebuildingNeedsAuditAdmin() {
        LedgerClient auditor = client.withToken(TestTokens.withRoles("auditor-1", "auditor"));
        Response refused = auditor.postRaw("/v1/admin/read-models/rebuild", "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("required_permission")).isEqualTo("audit:admin");
        assertThat(client.withToken(null).postRaw("/v1/admin/read-models/rebuild", "").status()).isEqualTo(401);
        Response unknownParameter = client.postRaw("/v1/admin/read-models/rebuild?tables=all", "");
        assertThat(unknownParameter.status()).isEqualTo(422);
        assertThat(unknownParameter.body().at("/errors/0/field").asText()).isEqualTo("tables");
    }
}
