package io.stockledger.api.web.audit;

import io.stockledger.api.support.AuditJobRuns;
import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.ScriptedHistory;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way of altering the store that the chain reveals, each on a ledger of its own, and one whole-store
 * verification: exactly one finding per altered ledger, of the right kind, at the right event, and nothing about the
 * untouched ones. (The last event of a ledger can be deleted without a trace in its own chain: docs/audit.md says how
 * an auditor covers that.)
 */
class HashChainTamperingTest extends ServiceIntegrationTest {

    private final UUID warehouse = UUID.randomUUID();

    /** What each alteration does to its ledger, and the finding (kind, sequence number) it must produce. */
    private record Alteration(String name, Consumer<String> alter, String kind, long sequence) {
    }

    private List<Alteration> alterations() {
        return List.of(
                new Alteration("a payload edited", ledger -> update("""
                        UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),
                               '"quantity":40', '"quantity":400'), 'UTF8')
                         WHERE aggregate_identifier = ? AND sequence_number = 0""", ledger), "HASH_MISMATCH", 0),
                new Alteration("the actor rewritten", ledger -> update("""
                        UPDATE domain_event_entry SET meta_data = convert_to(jsonb_set(
                               convert_from(meta_data, 'UTF8')::jsonb, '{actor}', '"someone-else"')::text, 'UTF8')
                         WHERE aggregate_identifier = ? AND sequence_number = 2""", ledger), "HASH_MISMATCH", 2),
                new Alteration("the time moved", ledger -> update("""
                        UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00.000Z'
                         WHERE aggregate_identifier = ? AND sequence_number = 3""", ledger), "HASH_MISMATCH", 3),
                new Alteration("an event deleted", ledger -> update("""
                        DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2""",
                        ledger), "SEQUENCE_GAP", 3),
                new Alteration("two events swapped", ledger -> {
                    // through -1: the unique (ledger, sequence) key holds after every statement
                    for (long[] move : new long[][] {{3, -1}, {4, 3}, {-1, 4}}) {
                        assertThat(jdbc.update("""
                                UPDATE domain_event_entry SET sequence_number = ?
                                 WHERE aggregate_identifier = ? AND sequence_number = ?""", move[1], ledger, move[0]))
                                .isEqualTo(1);
                    }
                }, "HASH_MISMATCH", 3),
                new Alteration("a hash removed", ledger -> update("""
                        UPDATE domain_event_entry SET meta_data = convert_to(
                               (convert_from(meta_data, 'UTF8')::jsonb - 'chain_hash')::text, 'UTF8')
                         WHERE aggregate_identifier = ? AND sequence_number = 4""", ledger), "MISSING_HASH", 4),
                // a forger who edits an event and writes a hash of their own making (over the real predecessor):
                // the next event's hash was computed over the original, so the break shows one event later
                new Alteration("an edit with a forged hash", ledger -> {
                    update("""
                            UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'),
                                   '"quantity":-2', '"quantity":-20'), 'UTF8')
                             WHERE aggregate_identifier = ? AND sequence_number = 5""", ledger);
                    update("""
                            UPDATE domain_event_entry SET meta_data = convert_to(jsonb_set(
                                   convert_from(meta_data, 'UTF8')::jsonb, '{chain_hash}',
                                   to_jsonb(encode(sha256(payload), 'hex')))::text, 'UTF8')
                             WHERE aggregate_identifier = ? AND sequence_number = 5""", ledger);
                }, "HASH_MISMATCH", 5),
                new Alteration("an event appended by hand", ledger -> update("""
                        INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                        meta_data, payload, payload_revision, payload_type, time_stamp)
                        SELECT aggregate_identifier, 6, type, gen_random_uuid()::text, meta_data, payload,
                               payload_revision, payload_type, time_stamp
                          FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 5""", ledger),
                        // a copy of event 5, its hash too: which does not fit at 6
                        "HASH_MISMATCH", 6));
    }

    private void update(String sql, String ledger) {
        assertThat(jdbc.update(sql, ledger)).as(sql).isPositive();
    }

    @Test
    void eachAlterationIsFoundAtItsEventAndUntouchedLedgersVerifyClean() {
        Map<String, Alteration> byLedger = new LinkedHashMap<>();
        for (Alteration alteration : alterations()) {
            UUID product = UUID.randomUUID();
            ScriptedHistory.sixEvents(client, product, warehouse);
            byLedger.put(product + ":" + warehouse, alteration);
        }
        for (int i = 0; i < 3; i++) {
            ScriptedHistory.sixEvents(client, UUID.randomUUID(), warehouse); // untouched
        }
        JsonNode clean = AuditJobRuns.run(client, "/v1/audit/verify", null);
        assertThat(clean.path("findings").asLong()).as(clean.toString()).isZero();

        byLedger.forEach((ledger, alteration) -> alteration.alter().accept(ledger));
        JsonNode verified = AuditJobRuns.run(client, "/v1/audit/verify", null);

        assertThat(verified.path("status").asText()).isEqualTo("SUCCEEDED");
        List<JsonNode> findings = AuditJobRuns.findings(client, verified.path("job_id").asText());
        Map<String, JsonNode> found = findings.stream().collect(Collectors.toMap(
                finding -> finding.path("aggregate_identifier").asText(), finding -> finding));
        assertThat(findings).as("one finding per altered ledger, none for the others").hasSize(byLedger.size());
        assertThat(found.keySet()).isEqualTo(byLedger.keySet());
        byLedger.forEach((ledger, alteration) -> {
            JsonNode finding = found.get(ledger);
            assertThat(finding.path("kind").asText()).as(alteration.name()).isEqualTo(alteration.kind());
            assertThat(finding.path("sequence_number").asLong()).as(alteration.name()).isEqualTo(alteration.sequence());
            if (!"SEQUENCE_GAP".equals(alteration.kind())) {
                assertThat(finding.path("global_index").asLong()).as(alteration.name()).isEqualTo(
                        jdbc.queryForObject("""
                                SELECT global_index FROM domain_event_entry
                                 WHERE aggregate_identifier = ? AND sequence_number = ?""", Long.class, ledger,
                                alteration.sequence()));
            }
        });
        assertThat(verified.path("ledgers_checked").asLong()).isEqualTo(byLedger.size() + 3);
    }
}
