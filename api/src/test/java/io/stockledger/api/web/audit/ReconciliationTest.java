package io.stockledger.api.web.audit;

import io.stockledger.api.support.AuditJobRuns;
import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ScriptedHistory;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/audit/reconcile}: the event store replayed and compared with the balance read model and the movement
 * journal. A live store, even with read models lagging, reconciles clean; each deliberately corrupted read-model row
 * is reported, with the replayed value and the stored one, and nothing else is.
 */
class ReconciliationTest extends ServiceIntegrationTest {

    private final UUID warehouse = UUID.randomUUID();

    /** Six events: receive 40, reserve 5, confirm (on hand 35), reserve 6, release, adjust -2: on hand 33. */
    private UUID history() {
        UUID product = UUID.randomUUID();
        ScriptedHistory.sixEvents(client, product, warehouse);
        return product;
    }

    private void readModelsCaughtUp() {
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM stock_movement", Long.class) >= events);
        // and every segment's token is past the last event: a segment whose ledgers had nothing new moves its token
        // later than the other, and reconciliation only reports what the tokens say is certainly applied
        long last = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("""
                SELECT min((convert_from(token, 'UTF8')::json ->> 'index')::bigint) FROM token_entry
                 WHERE processor_name = 'read-models'""", Long.class) >= last);
    }

    @Test
    void aLiveStoreReconcilesCleanEvenWhileTheReadModelsLag() {
        for (int i = 0; i < 4; i++) {
            history();
        }
        // straight after the writes: the read models may not have every event yet, which is no difference
        JsonNode early = AuditJobRuns.run(client, "/v1/audit/reconcile", null);
        assertThat(early.path("status").asText()).as(early.toString()).isEqualTo("SUCCEEDED");
        assertThat(early.path("findings").asLong()).as(early.toString()).isZero();

        readModelsCaughtUp();
        JsonNode settled = AuditJobRuns.run(client, "/v1/audit/reconcile", Map.of());
        assertThat(settled.path("kind").asText()).isEqualTo("RECONCILE");
        assertThat(settled.path("findings").asLong()).as(settled.toString()).isZero();
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        assertThat(settled.path("events_total").asLong()).isEqualTo(events);
        assertThat(settled.path("events_read").asLong()).isEqualTo(events);
        assertThat(settled.path("ledgers_checked").asLong()).isGreaterThanOrEqualTo(4);
        assertThat(settled.path("events_per_second").asDouble()).isPositive();
        assertThat(settled.path("phase").asText()).isEqualTo("DONE");
    }

    /**
     * A rebuild that swapped new read-model tables in under a reconciliation's snapshot would hide from it every row
     * written after the snapshot was taken; the reconciliation holds them from before it, so the rebuild copies rows
     * into them instead. Seen here with the reconciliation held after its first statements (the processors' position,
     * read from a table the test locks).
     */
    @Test
    void aReconciliationHoldsTheReadModelTablesFromBeforeItsSnapshot() throws Exception {
        UUID product = history();
        try (Connection blocker = jdbc.getDataSource().getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE token_entry IN ACCESS EXCLUSIVE MODE");
            }
            Response started = client.post("/v1/audit/reconcile", Map.of("product_id", product.toString(),
                    "warehouse_id", warehouse.toString()));
            assertThat(started.status()).as(started.raw()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("""
                    SELECT count(*) FROM pg_locks waiting
                     WHERE waiting.relation = 'token_entry'::regclass AND NOT waiting.granted
                       AND (SELECT count(*) FROM pg_locks held
                             WHERE held.pid = waiting.pid AND held.granted AND held.mode = 'AccessShareLock'
                               AND held.relation IN ('stock_balance'::regclass, 'stock_movement'::regclass)) = 2""",
                    Long.class) == 1);
            blocker.rollback();
            JsonNode done = AuditJobRuns.awaitEnd(client, started.header("Location"));
            assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.path("findings").asLong()).as(done.toString()).isZero();
        }
    }

    @Test
    void everyCorruptedReadModelRowIsReportedWithTheReplayedAndTheStoredValue() {
        UUID onHandRaised = history();
        UUID journalRowLost = history();
        UUID journalDeltaEdited = history();
        UUID balanceDeleted = history();
        UUID balanceAhead = history();
        UUID untouched = history();
        UUID phantom = UUID.randomUUID();
        readModelsCaughtUp();

        jdbc.update("UPDATE stock_balance SET on_hand = on_hand + 7 WHERE product_id = ? AND warehouse_id = ?",
                onHandRaised, warehouse);
        jdbc.update("DELETE FROM stock_movement WHERE product_id = ? AND warehouse_id = ? AND sequence_number = 2",
                journalRowLost, warehouse);
        jdbc.update("""
                UPDATE stock_movement SET reserved_delta = reserved_delta + 1
                 WHERE product_id = ? AND warehouse_id = ? AND sequence_number = 3""", journalDeltaEdited, warehouse);
        jdbc.update("DELETE FROM stock_balance WHERE product_id = ? AND warehouse_id = ?", balanceDeleted, warehouse);
        jdbc.update("UPDATE stock_balance SET last_sequence = 9 WHERE product_id = ? AND warehouse_id = ?",
                balanceAhead, warehouse);
        jdbc.update("""
                INSERT INTO stock_balance (product_id, warehouse_id, on_hand, reserved, last_sequence, updated_at)
                VALUES (?, ?, 12, 0, 0, now())""", phantom, warehouse);

        JsonNode job = AuditJobRuns.run(client, "/v1/audit/reconcile", Map.of("warehouse_id", warehouse.toString()));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("SUCCEEDED");
        List<JsonNode> findings = AuditJobRuns.findings(client, job.path("job_id").asText());
        Map<String, List<JsonNode>> byLedger = findings.stream().collect(Collectors.groupingBy(
                finding -> finding.path("product_id").asText()));

        assertThat(byLedger.keySet()).containsExactlyInAnyOrder(onHandRaised.toString(),
                journalRowLost.toString(), journalDeltaEdited.toString(), balanceDeleted.toString(),
                balanceAhead.toString(), phantom.toString());
        assertThat(byLedger).doesNotContainKey(untouched.toString());

        JsonNode raised = assertOnlyFinding(byLedger.get(onHandRaised.toString()), "BALANCE_MISMATCH", "33", "40");
        assertThat(raised.path("field").asText()).isEqualTo("on_hand");
        assertThat(raised.path("sequence_number").asLong()).isEqualTo(5);
        assertThat(raised.path("warehouse_id").asText()).isEqualTo(warehouse.toString());

        assertThat(kinds(byLedger.get(journalRowLost.toString())))
                .as("the confirmation's row is gone: too few rows, and the sums are off")
                .containsExactlyInAnyOrder("JOURNAL_INCOMPLETE:journal_rows", "JOURNAL_MISMATCH:journal_on_hand",
                        "JOURNAL_MISMATCH:journal_reserved");
        JsonNode edited = assertOnlyFinding(byLedger.get(journalDeltaEdited.toString()), "JOURNAL_MISMATCH", "0", "1");
        assertThat(edited.path("field").asText()).isEqualTo("journal_reserved");

        JsonNode missing = only(byLedger.get(balanceDeleted.toString()));
        assertThat(missing.path("kind").asText()).isEqualTo("BALANCE_MISSING");
        assertThat(missing.path("expected").asText()).isEqualTo("33");
        assertThat(missing.has("actual")).isFalse();

        assertOnlyFinding(byLedger.get(balanceAhead.toString()), "BALANCE_AHEAD", "5", "9");

        JsonNode ghost = only(byLedger.get(phantom.toString()));
        assertThat(ghost.path("kind").asText()).isEqualTo("BALANCE_WITHOUT_EVENTS");
        assertThat(ghost.path("actual").asText()).isEqualTo("12");

        // scoped to one ledger: only its own
        JsonNode one = AuditJobRuns.run(client, "/v1/audit/reconcile", Map.of("product_id", onHandRaised.toString(),
                "warehouse_id", warehouse.toString()));
        assertThat(one.path("findings").asLong()).isEqualTo(1);
        assertThat(one.path("ledgers_checked").asLong()).isEqualTo(1);
        assertThat(one.path("events_read").asLong()).isEqualTo(6);
        JsonNode clean = AuditJobRuns.run(client, "/v1/audit/reconcile", Map.of("product_id", untouched.toString(),
                "warehouse_id", warehouse.toString()));
        assertThat(clean.path("findings").asLong()).isZero();
    }

    private static JsonNode only(List<JsonNode> findings) {
        assertThat(findings).hasSize(1);
        return findings.getFirst();
    }

    /** The ledger's one finding: of this kind, with the value the events give and the one the read model holds. */
    private static JsonNode assertOnlyFinding(List<JsonNode> findings, String kind, String expected, String actual) {
        JsonNode finding = only(findings);
        assertThat(finding.path("kind").asText()).isEqualTo(kind);
        assertThat(finding.path("expected").asText()).isEqualTo(expected);
        assertThat(finding.path("actual").asText()).isEqualTo(actual);
        return finding;
    }

    private static Set<String> kinds(List<JsonNode> findings) {
        return findings.stream().map(f -> f.path("kind").asText() + ":" + f.path("field").asText())
                .collect(Collectors.toSet());
    }
}
