package io.stockledger.api.web.audit;

import io.stockledger.api.support.AuditJobRuns;
import io.stockledger.api.support.ExpectedProblems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.eventstore.chain.HashChainingStorageEngine;
import io.stockledger.eventstore.timestamp.ParsedTimestampJdbcEngine;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ScriptedHistory;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.SyntheticLedgers;
import io.stockledger.api.support.TestTokens;
import io.stockledger.events.EventEnvelope;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hash chain: every event stored carries a hash chained to its ledger's previous event, computed at append time
 * (also for several events of a ledger in one append, and for appends that lose a race and are retried), and
 * {@code POST /v1/audit/verify} recomputes the chains from the stored rows and finds exactly an event altered in
 * PostgreSQL. Every kind of tampering: {@link HashChainTamperingTest}.
 */
class HashChainTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private EventStorageEngine storage;

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;

    @Autowired
    private TransactionManager axonTransactions;

    private static Map<String, String> scope(UUID product, UUID warehouse) {
        Map<String, String> body = new LinkedHashMap<>();
        if (product != null) {
            body.put("product_id", product.toString());
        }
        body.put("warehouse_id", warehouse.toString());
        return body;
    }

    @Test
    void theChainWrapsTheEngineThatReadsEachTimestampOnce() {
        assertThat(storage).isInstanceOf(HashChainingStorageEngine.class);
        assertThat(((HashChainingStorageEngine) storage).delegate()).isInstanceOf(ParsedTimestampJdbcEngine.class);
    }

    @Test
    void theVerificationFindsExactlyTheEventAlteredInPostgresql() {
        UUID warehouse = UUID.randomUUID();
        UUID otherWarehouse = UUID.randomUUID();
        UUID tampered = UUID.randomUUID();
        UUID untouched = UUID.randomUUID();
        ScriptedHistory.sixEvents(client, tampered, warehouse);
        ScriptedHistory.sixEvents(client, untouched, warehouse);
        ScriptedHistory.sixEvents(client, tampered, otherWarehouse);

        JsonNode clean = AuditJobRuns.run(client, "/v1/audit/verify", null);
        assertThat(clean.path("status").asText()).as(clean.toString()).isEqualTo("SUCCEEDED");
        assertThat(clean.path("kind").asText()).isEqualTo("VERIFY");
        assertThat(clean.path("findings").asLong()).isZero();
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        assertThat(clean.path("events_read").asLong()).isEqualTo(events);
        assertThat(clean.path("events_total").asLong()).isEqualTo(events);
        assertThat(clean.path("progress").asDouble()).isEqualTo(1.0);
        assertThat(clean.path("ledgers_checked").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(clean.path("unchained_events").asLong()).as("a new store: every event is chained").isZero();
        assertThat(clean.path("requested_by").asText()).isEqualTo("test-admin");

        // someone with database access turns a reservation of 5 into one of 50
        String ledger = tampered + ":" + warehouse;
        long globalIndex = jdbc.queryForObject("""
                SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1""",
                Long.class, ledger);
        String storedHash = storedHash(ledger, 1);
        int altered = jdbc.update("""
                UPDATE domain_event_entry
                   SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '"quantity":5,', '"quantity":50,'),
                                            'UTF8')
                 WHERE aggregate_identifier = ? AND sequence_number = 1""", ledger);
        assertThat(altered).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                 WHERE aggregate_identifier = ? AND sequence_number = 1""", String.class, ledger))
                .contains("\"quantity\":50,");

        JsonNode verified = AuditJobRuns.run(client, "/v1/audit/verify", Map.of());
        assertThat(verified.path("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(verified.path("findings").asLong()).isEqualTo(1);
        List<JsonNode> findings = AuditJobRuns.findings(client, verified.path("job_id").asText());
        assertThat(findings).hasSize(1);
        JsonNode finding = findings.getFirst();
        assertThat(finding.path("finding_no").asLong()).isEqualTo(1);
        assertThat(finding.path("kind").asText()).isEqualTo("HASH_MISMATCH");
        assertThat(finding.path("aggregate_identifier").asText()).isEqualTo(ledger);
        assertThat(finding.path("product_id").asText()).isEqualTo(tampered.toString());
        assertThat(finding.path("warehouse_id").asText()).isEqualTo(warehouse.toString());
        assertThat(finding.path("sequence_number").asLong()).isEqualTo(1);
        assertThat(finding.path("global_index").asLong()).isEqualTo(globalIndex);
        assertThat(finding.path("field").asText()).isEqualTo("chain_hash");
        assertThat(finding.path("actual").asText()).isEqualTo(storedHash);
        assertThat(finding.path("expected").asText()).matches("[0-9a-f]{64}").isNotEqualTo(storedHash);
        assertThat(finding.path("detail").asText()).contains("sequence 1", "altered");

        // scoped: the untouched ledger and the same product elsewhere verify clean, the warehouse shows the one
        assertThat(AuditJobRuns.run(client, "/v1/audit/verify", scope(untouched, warehouse)).path("findings")
                .asLong()).isZero();
        assertThat(AuditJobRuns.run(client, "/v1/audit/verify", scope(tampered, otherWarehouse)).path("findings")
                .asLong()).isZero();
        JsonNode oneLedger = AuditJobRuns.run(client, "/v1/audit/verify", scope(tampered, warehouse));
        assertThat(oneLedger.path("findings").asLong()).isEqualTo(1);
        assertThat(oneLedger.path("ledgers_checked").asLong()).isEqualTo(1);
        assertThat(oneLedger.path("events_read").asLong()).isEqualTo(6);
        assertThat(oneLedger.path("product_id").asText()).isEqualTo(tampered.toString());
        JsonNode byWarehouse = AuditJobRuns.run(client, "/v1/audit/verify", scope(null, warehouse));
        assertThat(byWarehouse.path("findings").asLong()).isEqualTo(1);
        assertThat(byWarehouse.path("ledgers_checked").asLong()).isEqualTo(2);

        // putting the payload back restores the chain: the hash covers exactly the stored bytes
        jdbc.update("""
                UPDATE domain_event_entry
                   SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '"quantity":50,', '"quantity":5,'),
                                            'UTF8')
                 WHERE aggregate_identifier = ? AND sequence_number = 1""", ledger);
        assertThat(AuditJobRuns.run(client, "/v1/audit/verify", scope(tampered, warehouse)).path("findings")
                .asLong()).isZero();
    }

    /**
     * The chain as docs/audit.md defines it, implemented here from that text alone and run over the raw rows: what an
     * auditor's own script does. Equal hashes prove the documentation is complete and exact.
     */
    @Test
    void anAuditorRecomputesEveryHashFromTheDocumentedDefinition() throws Exception {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        ScriptedHistory.sixEvents(client, product, warehouse);

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT aggregate_identifier, sequence_number, event_identifier, type, payload_type, payload_revision,
                       time_stamp, convert_from(meta_data, 'UTF8') AS meta_data, payload
                  FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                product + ":" + warehouse);
        assertThat(rows).hasSize(6);
        String previous = "0".repeat(64);
        for (Map<String, Object> row : rows) {
            JsonNode meta = JSON.readTree((String) row.get("meta_data"));
            ByteArrayOutputStream encoding = new ByteArrayOutputStream();
            encoding.writeBytes("stock-ledger-event-chain-v1\n".getBytes(StandardCharsets.UTF_8));
            field(encoding, "previous_hash", previous);
            field(encoding, "aggregate_identifier", (String) row.get("aggregate_identifier"));
            field(encoding, "sequence_number", row.get("sequence_number").toString());
            field(encoding, "event_identifier", (String) row.get("event_identifier"));
            field(encoding, "aggregate_type", (String) row.get("type"));
            field(encoding, "payload_type", (String) row.get("payload_type"));
            field(encoding, "payload_revision", (String) row.get("payload_revision"));
            field(encoding, "time_stamp", (String) row.get("time_stamp"));
            field(encoding, "actor", meta.path("actor").asText());
            field(encoding, "trace_id", meta.path("trace_id").asText());
            field(encoding, "payload", (byte[]) row.get("payload"));
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(encoding.toByteArray()));

            assertThat(meta.path("chain_hash").asText()).as("sequence %s", row.get("sequence_number"))
                    .isEqualTo(hash);
            assertThat(meta.path("actor").asText()).isEqualTo("test-admin");
            previous = hash;
        }
    }

    private static void field(ByteArrayOutputStream out, String name, String value) {
        field(out, name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(ByteArrayOutputStream out, String name, byte[] value) {
        out.writeBytes((name + "=" + value.length + ":").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value);
        out.write('\n');
    }

    /** A unit of work committing many commands at once appends several events of each of several ledgers together. */
    @Test
    void severalEventsOfSeveralLedgersInOneAppendChainInSequenceOrder() {
        UUID warehouse = UUID.randomUUID();
        // 3 ledgers x 13 events in appends of 10: every append holds 3 or 4 events of each ledger
        List<SyntheticLedgers.Ledger> ledgers = new SyntheticLedgers(storage, 10)
                .write(warehouse, 3, 13, Instant.now().minusSeconds(3600));

        JsonNode verified = AuditJobRuns.run(client, "/v1/audit/verify", scope(null, warehouse));
        assertThat(verified.path("findings").asLong()).as(verified.toString()).isZero();
        assertThat(verified.path("events_read").asLong()).isEqualTo(39);
        assertThat(verified.path("ledgers_checked").asLong()).isEqualTo(3);
        for (SyntheticLedgers.Ledger ledger : ledgers) {
            assertThat(jdbc.queryForObject("""
                    SELECT count(DISTINCT convert_from(meta_data, 'UTF8')::json->>'chain_hash')
                      FROM domain_event_entry WHERE aggregate_identifier = ?""", Long.class,
                    ledger.aggregateIdentifier())).as("a distinct hash on every event").isEqualTo(13);
        }
    }

    /**
     * An instance remembers the last hash of as many ledgers as its ledger cache holds, not only of the last 10,000
     * (the bound it once had): an append to any of 12,000 ledgers it has just written reads nothing from the store.
     * The engine below is a second instance's, with its own memory, whose reads of predecessors are counted.
     */
    @Test
    void anInstanceChainsEveryLedgerItWroteWithoutReadingTheStore() {
        AtomicInteger predecessorReads = new AtomicInteger();
        JdbcTemplate counting = new JdbcTemplate(jdbc.getDataSource()) {
            @Override
            public void query(PreparedStatementCreator statement, RowCallbackHandler rows) {
                predecessorReads.incrementAndGet();
                super.query(statement, rows);
            }
        };
        EventStorageEngine instance = new HashChainingStorageEngine(((HashChainingStorageEngine) storage).delegate(),
                () -> eventSerializer, () -> axonTransactions, () -> counting);
        UUID warehouse = UUID.randomUUID();
        SyntheticLedgers.Ledger writtenElsewhere = new SyntheticLedgers(storage, 10)
                .write(warehouse, 1, 1, Instant.now()).getFirst();
        instance.appendEvents(List.of(found(writtenElsewhere.productId(), warehouse, 1)));
        assertThat(predecessorReads.get()).as("a ledger another instance wrote is read").isEqualTo(1);

        // three events each, appended a sequence number at a time: every append after the first 12 continues ledgers
        new SyntheticLedgers(instance, 1_000).write(warehouse, 12_000, 3, Instant.now().minusSeconds(3600));

        assertThat(predecessorReads.get()).as("reads of predecessors this instance committed").isEqualTo(1);
    }

    /**
     * Writers racing for one ledger through two engines, as two instances do (each its own memory of the hashes it
     * committed): the loser's append hits the unique (ledger, sequence) key and is retried with the next sequence
     * number, and its hash is computed afresh over the winner's.
     */
    @Test
    void appendsThatLoseARaceAreRetriedAndChainOverTheWinner() throws Exception {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        String ledger = product + ":" + warehouse;
        EventStorageEngine otherInstance = new HashChainingStorageEngine(
                ((HashChainingStorageEngine) storage).delegate(), () -> eventSerializer, () -> axonTransactions,
                () -> jdbc);
        AtomicInteger lostRaces = new AtomicInteger();
        int writers = 6;
        int eachAppends = 8;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            EventStorageEngine engine = w % 2 == 0 ? storage : otherInstance;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < eachAppends; i++) {
                    while (true) {
                        long next = storage.lastSequenceNumberFor(ledger).map(last -> last + 1).orElse(0L);
                        try {
                            engine.appendEvents(List.of(found(product, warehouse, next), found(product, warehouse,
                                    next + 1)));
                            break;
                        } catch (ConcurrencyException | AggregateStreamCreationException lost) {
                            lostRaces.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, ledger)).isEqualTo(writers * eachAppends * 2L);
        assertThat(lostRaces.get()).as("the writers did race").isPositive();
        JsonNode verified = AuditJobRuns.run(client, "/v1/audit/verify", scope(product, warehouse));
        assertThat(verified.path("findings").asLong()).as(verified.toString()).isZero();
        assertThat(verified.path("events_read").asLong()).isEqualTo(writers * eachAppends * 2L);
    }

    private static GenericDomainEventMessage<StockAdjusted> found(UUID product, UUID warehouse, long sequence) {
        UUID id = UUID.randomUUID();
        StockAdjusted found = new StockAdjusted(new EventEnvelope(id, Instant.now(), "race-" + id, product, warehouse,
                "racer"), 1, "FOUND", null, "race-key-" + id + "-" + UUID.randomUUID());
        return new GenericDomainEventMessage<>(SyntheticLedgers.AGGREGATE_TYPE, product + ":" + warehouse, sequence,
                found, MetaData.from(Map.of("actor", "racer", "trace_id", "race-" + id)), id.toString(),
                Instant.now());
    }

    /**
     * A store that had events before the chain existed: those stay unhashed and are counted, not reported, and the
     * ledger's next event starts its chain. An event without a hash after the chain's start is reported.
     */
    @Test
    void eventsFromBeforeTheChainAreCountedAndTheChainStartsAfterThem() {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        String ledger = product + ":" + warehouse;
        // written as a version before the chain wrote them: by the JDBC engine alone, so without a hash
        EventStorageEngine withoutChain = ((HashChainingStorageEngine) storage).delegate();
        UUID received = UUID.randomUUID();
        withoutChain.appendEvents(List.of(new GenericDomainEventMessage<>(SyntheticLedgers.AGGREGATE_TYPE, ledger, 0,
                new StockReceived(new EventEnvelope(received, Instant.now(), "legacy", product, warehouse, "legacy"),
                        10, null, "legacy-" + received + "-" + UUID.randomUUID()),
                MetaData.from(Map.of("actor", "legacy", "trace_id", "legacy")), received.toString(), Instant.now())));
        withoutChain.appendEvents(List.of(found(product, warehouse, 1)));
        assertThat(storedHash(ledger, 0)).isNull();
        // and the chain recorded as starting after them, as V20 records it on a store that has events
        long previousStart = jdbc.queryForObject("SELECT first_chained_global_index FROM event_chain_start",
                Long.class);
        jdbc.update("UPDATE event_chain_start SET first_chained_global_index = "
                + "(SELECT max(global_index) + 1 FROM domain_event_entry)");
        try {
            assertThat(client.adjust(product, warehouse, -1, "LOSS", LedgerClient.key()).status()).isEqualTo(200);
            assertThat(client.adjust(product, warehouse, 3, "FOUND", LedgerClient.key()).status()).isEqualTo(200);
            assertThat(storedHash(ledger, 2)).as("the ledger's first chained event").isNotNull();

            JsonNode verified = AuditJobRuns.run(client, "/v1/audit/verify", scope(product, warehouse));
            assertThat(verified.path("findings").asLong()).as(verified.toString()).isZero();
            assertThat(verified.path("unchained_events").asLong()).isEqualTo(2);
            assertThat(verified.path("events_read").asLong()).isEqualTo(4);

            // removing a hash after the start is not "old": it is reported
            jdbc.update("""
                    UPDATE domain_event_entry SET meta_data = convert_to(
                           (convert_from(meta_data, 'UTF8')::jsonb - 'chain_hash')::text, 'UTF8')
                     WHERE aggregate_identifier = ? AND sequence_number = 3""", ledger);
            JsonNode stripped = AuditJobRuns.run(client, "/v1/audit/verify", scope(product, warehouse));
            assertThat(stripped.path("findings").asLong()).isEqualTo(1);
            JsonNode finding = AuditJobRuns.findings(client, stripped.path("job_id").asText()).getFirst();
            assertThat(finding.path("kind").asText()).isEqualTo("MISSING_HASH");
            assertThat(finding.path("sequence_number").asLong()).isEqualTo(3);
        } finally {
            jdbc.update("UPDATE event_chain_start SET first_chained_global_index = ?", previousStart);
        }
    }

    @Test
    void badRequestsAreProblemsAndNothingStarts() {
        long jobs = jdbc.queryForObject("SELECT count(*) FROM audit_job", Long.class);
        Response halfAScope = client.post("/v1/audit/verify", Map.of("product_id", UUID.randomUUID().toString()));
        assertThat(halfAScope.status()).as(halfAScope.raw()).isEqualTo(422);
        assertThat(halfAScope.body().at("/errors/0/field").asText()).isEqualTo("warehouse_id");
        Response malformed = client.post("/v1/audit/verify", Map.of("warehouse_id", "12345"));
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.body().at("/errors/0/field").asText()).isEqualTo("warehouse_id");
        Response unknownField = client.post("/v1/audit/verify", Map.of("sku", "x"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.text("code")).isEqualTo("UNKNOWN_FIELD");
        Response notJson = client.postRaw("/v1/audit/verify", "verify everything");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_job", Long.class)).isEqualTo(jobs);

        Response badId = client.get("/v1/audit/jobs/not-a-uuid");
        assertThat(badId.status()).isEqualTo(422);
        assertThat(badId.body().at("/errors/0/field").asText()).isEqualTo("job_id");
        Response unknownJob = client.get("/v1/audit/jobs/" + UUID.randomUUID());
        ExpectedProblems.assertProblem(unknownJob, 404, "AUDIT_JOB_NOT_FOUND");
        assertThat(client.get("/v1/audit/jobs/" + UUID.randomUUID() + "/findings").text("code"))
                .isEqualTo("AUDIT_JOB_NOT_FOUND");

        String job = AuditJobRuns.run(client, "/v1/audit/verify", scope(UUID.randomUUID(), UUID.randomUUID()))
                .path("job_id").asText();
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "from_finding=0", "from_finding=-1",
                "page=2")) {
            Response response = client.get("/v1/audit/jobs/" + job + "/findings?" + query);
            assertThat(response.status()).as("%s: %s", query, response.raw()).isEqualTo(422);
            assertThat(response.text("code")).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void verifyingNeedsAuditRead() {
        LedgerClient reader = client.withToken(TestTokens.withPermissions("x", "inventory:read", "audit:admin"));
        Response refused = reader.postRaw("/v1/audit/verify", "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("required_permission")).isEqualTo("audit:read");

        JsonNode job = AuditJobRuns.run(client.withToken(TestTokens.withRoles("auditor-7", "auditor")),
                "/v1/audit/verify", scope(UUID.randomUUID(), UUID.randomUUID()));
        assertThat(job.path("requested_by").asText()).isEqualTo("auditor-7");
        assertThat(reader.get("/v1/audit/jobs/" + job.path("job_id").asText()).status()).isEqualTo(403);
    }

    private String storedHash(String ledger, long sequence) {
        return jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8')::json->>'chain_hash' FROM domain_event_entry
                 WHERE aggregate_identifier = ? AND sequence_number = ?""", String.class, ledger, sequence);
    }
}
