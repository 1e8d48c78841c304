package io.stockledger.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import io.stockledger.command.dispatch.GroupCommitGateway;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Group commit against PostgreSQL, over HTTP. To make a batch form for certain, a test transaction holds a SHARE lock
 * on {@code ledger_request}: the first command on the SKU then waits inside its commit (at the request registry's
 * insert) while holding its ledger's turn, and the commands sent meanwhile queue behind it. Events written by one
 * PostgreSQL transaction share their {@code xmin}, which proves what went in together.
 */
class GroupCommitTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private CommandGateway commands;

    @Autowired
    private MeterRegistry meters;

    @Value("${ledger.command.max-concurrent-writes}")
    private int writers;

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private Connection registryLock;

    @AfterEach
    void cleanUp() throws SQLException {
        if (registryLock != null && !registryLock.isClosed()) {
            registryLock.rollback();
            registryLock.close();
        }
        callers.shutdownNow();
    }

    /** A request as some actor under a trace id of the test's choosing, and what it was. */
    private record Call(String actor, String traceId, Future<Response> response) {
    }

    private Call send(String actor, String path, Map<String, ?> body) {
        String traceId = UUID.randomUUID().toString();
        LedgerClient as = client.withToken(TestTokens.withRoles(actor, "order-system"));
        String json = write(body);
        return new Call(actor, traceId, callers.submit(() -> as.postRaw(path, json, "X-Trace-ID", traceId)));
    }

    private Call reserve(String actor, String key) {
        return send(actor, "/v1/reserve", LedgerClient.reserveBody(product, warehouse, 1, key, 300));
    }

    private void holdTheRequestRegistry() throws SQLException {
        registryLock = jdbc.getDataSource().getConnection();
        registryLock.setAutoCommit(false);
        try (Statement sql = registryLock.createStatement()) {
            sql.execute("LOCK TABLE ledger_request IN SHARE MODE");
        }
    }

    private void releaseTheRequestRegistry() throws SQLException {
        registryLock.rollback();
        registryLock.close();
    }

    /** Sends the first command and returns once it waits inside its commit, holding its ledger's turn. */
    private Call firstHoldsTheLedger(Supplier<Call> first) {
        Call call = first.get();
        awaitUntil("the first command waits on the registry lock", () -> jdbc.queryForObject(
                "SELECT count(*) FROM pg_locks WHERE relation = 'ledger_request'::regclass AND NOT granted",
                Long.class) == 1);
        return call;
    }

    private void awaitQueued(int count) {
        GroupCommitGateway gateway = (GroupCommitGateway) commands;
        awaitUntil(count + " commands queued", () -> gateway.waitingCommands() == count);
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static Response answer(Call call) throws Exception {
        return call.response().get(30, TimeUnit.SECONDS);
    }

    /** This SKU's stored events after a position: type, transaction, payload and metadata. */
    private List<Map<String, Object>> eventsAfter(long sequence) {
        return jdbc.queryForList("""
                SELECT sequence_number, payload_type, xmin::text AS tx, convert_from(payload, 'UTF8') AS payload,
                       convert_from(meta_data, 'UTF8') AS meta_data
                  FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number > ?
                 ORDER BY sequence_number""", product + ":" + warehouse, sequence);
    }

    private long lastSequence() {
        return jdbc.queryForObject("SELECT max(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, product + ":" + warehouse);
    }

    @Test
    void commandsQueuedBehindAWriteGoInOneTransactionEachWithItsOwnAnswerActorAndTrace() throws Exception {
        assertThat(client.receive(product, warehouse, 12).status()).isEqualTo(200);
        String toConfirm = client.reserve(product, warehouse, 1, LedgerClient.key()).text("reservation_id");
        String toRelease = client.reserve(product, warehouse, 1, LedgerClient.key()).text("reservation_id");
        long before = lastSequence();
        DistributionSummary batchSizes = meters.get("inventory.command.batch.size").summary();
        long writesBefore = batchSizes.count();
        double commandsBefore = batchSizes.totalAmount();

        holdTheRequestRegistry();
        Call first = firstHoldsTheLedger(() -> reserve("alice", LedgerClient.key()));     // 9 left after it
        Call confirm = send("carol", "/v1/confirm", Map.of("reservation_id", toConfirm));
        awaitQueued(1);
        Call release = send("bob", "/v1/release", Map.of("reservation_id", toRelease)); // 10 left after it
        awaitQueued(2);
        List<Call> reserves = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            reserves.add(reserve(i % 2 == 0 ? "bob" : "dave", LedgerClient.key()));
        }
        awaitQueued(20);
        releaseTheRequestRegistry();

        // every caller got its own answer: the first, the confirm, the release, 10 reservations and 8 refusals
        assertThat(answer(first).status()).isEqualTo(200);
        assertThat(answer(confirm).status()).isEqualTo(200);
        assertThat(answer(confirm).text("status")).isEqualTo("CONFIRMED");
        assertThat(answer(confirm).text("reservation_id")).isEqualTo(toConfirm);
        assertThat(answer(release).text("status")).isEqualTo("RELEASED");
        assertThat(answer(release).text("reservation_id")).isEqualTo(toRelease);
        Map<String, Call> reservedBy = new HashMap<>();
        reservedBy.put(answer(first).text("reservation_id"), first);
        int refused = 0;
        for (Call call : reserves) {
            Response response = answer(call);
            assertThat(response.traceId()).isEqualTo(call.traceId());
            if (response.status() == 409) {
                assertThat(response.text("code")).isEqualTo("INSUFFICIENT_STOCK");
                refused++;
            } else {
                assertThat(response.status()).isEqualTo(200);
                assertThat(reservedBy.put(response.text("reservation_id"), call)).as("a reservation of its own")
                        .isNull();
            }
        }
        assertThat(refused).isEqualTo(8);
        assertThat(reservedBy).hasSize(11);

        // the first alone, then everything that queued behind it in one transaction
        List<Map<String, Object>> events = eventsAfter(before);
        assertThat(events).hasSize(1 + 1 + 1 + 10);
        String firstTx = (String) events.getFirst().get("tx");
        assertThat(events.subList(1, events.size())).extracting(event -> event.get("tx"))
                .containsOnly(events.get(1).get("tx")).doesNotContain(firstTx);
        assertThat(batchSizes.count() - writesBefore).as("two writes").isEqualTo(2);
        assertThat(batchSizes.totalAmount() - commandsBefore).as("carrying 21 commands").isEqualTo(21);

        // each event carries, in its payload and in its stored metadata, the actor and trace of its own request
        Map<String, Call> byConfirmOrRelease = Map.of(toConfirm, confirm, toRelease, release);
        for (Map<String, Object> event : events) {
            JsonNode payload = json(event.get("payload"));
            JsonNode metaData = json(event.get("meta_data"));
            String reservation = payload.path("reservation_id").asText();
            Call cause = ((String) event.get("payload_type")).endsWith("ReservationRequested")
                    ? reservedBy.get(reservation) : byConfirmOrRelease.get(reservation);
            assertThat(cause).as("the request behind " + payload).isNotNull();
            assertThat(payload.path("requester_id").asText()).isEqualTo(cause.actor());
            assertThat(payload.path("trace_id").asText()).isEqualTo(cause.traceId());
            assertThat(metaData.path("actor").asText()).isEqualTo(cause.actor());
            assertThat(metaData.path("trace_id").asText()).isEqualTo(cause.traceId());
        }
    }

    @Test
    void aMemberReusingAnotherSkusKeyIsRefusedAloneAndTheRestOfItsBatchIsWritten() throws Exception {
        UUID otherWarehouse = UUID.randomUUID();
        assertThat(client.receive(product, warehouse, 10).status()).isEqualTo(200);
        assertThat(client.receive(product, otherWarehouse, 10).status()).isEqualTo(200);
        String usedElsewhere = LedgerClient.key();
        assertThat(client.reserve(product, otherWarehouse, 1, usedElsewhere).status()).isEqualTo(200);
        long before = lastSequence();
        double splitsBefore = meters.get("inventory.command.batch.splits").counter().count();

        holdTheRequestRegistry();
        Call first = firstHoldsTheLedger(() -> reserve("alice", LedgerClient.key()));
        Call good = reserve("bob", LedgerClient.key());
        awaitQueued(1);
        Call reused = reserve("mallory", usedElsewhere);
        awaitQueued(2);
        Call alsoGood = reserve("carol", LedgerClient.key());
        awaitQueued(3);
        releaseTheRequestRegistry();

        assertThat(answer(first).status()).isEqualTo(200);
        assertThat(answer(good).status()).isEqualTo(200);
        assertThat(answer(reused).status()).isEqualTo(422);
        assertThat(answer(reused).text("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(answer(alsoGood).status()).isEqualTo(200);
        assertThat(meters.get("inventory.command.batch.splits").counter().count() - splitsBefore).isEqualTo(1);

        List<Map<String, Object>> events = eventsAfter(before);
        assertThat(events).extracting(event -> json(event.get("payload")).path("requester_id").asText())
                .containsExactly("alice", "bob", "carol");
        assertThat(events).extracting(event -> event.get("tx")).as("the failed batch left nothing; then one by one")
                .doesNotHaveDuplicates();
        assertThat(answer(good).text("reservation_id")).isNotEqualTo(answer(alsoGood).text("reservation_id"));
    }

    @Test
    void writesForSeveralSkusQueuedWhileEveryWriterIsBusyShareOneTransactionEachWithItsOwnAnswer() throws Exception {
        // one SKU per busy writer, then the SKUs whose writes queue: three that reserve, one short of stock
        List<UUID> warehouses = new ArrayList<>();
        for (int i = 0; i < writers + 4; i++) {
            UUID each = UUID.randomUUID();
            assertThat(client.receive(product, each, 1).status()).isEqualTo(200);
            warehouses.add(each);
        }
        DistributionSummary shared = meters.get("inventory.command.transaction.ledgers").summary();
        long sharedBefore = shared.count();

        holdTheRequestRegistry();
        List<Call> busy = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            busy.add(reserveIn(warehouses.get(i), "writer" + i, 1));
            int blocked = i + 1;
            awaitUntil(blocked + " writers wait on the registry lock", () -> jdbc.queryForObject(
                    "SELECT count(*) FROM pg_locks WHERE relation = 'ledger_request'::regclass AND NOT granted",
                    Long.class) == blocked);
        }
        Call a = reserveIn(warehouses.get(writers), "alice", 1);
        Call shortOfStock = reserveIn(warehouses.get(writers + 1), "bob", 2);
        Call unknownSku = reserveIn(UUID.randomUUID(), "carol", 1);
        Call c = reserveIn(warehouses.get(writers + 2), "dave", 1);
        Call d = reserveIn(warehouses.get(writers + 3), "erin", 1);
        awaitQueued(5);
        releaseTheRequestRegistry();

        for (Call each : busy) {
            assertThat(answer(each).status()).isEqualTo(200);
        }
        assertThat(answer(a).status()).isEqualTo(200);
        assertThat(answer(c).status()).isEqualTo(200);
        assertThat(answer(d).status()).isEqualTo(200);
        assertThat(answer(shortOfStock).status()).isEqualTo(409);
        assertThat(answer(shortOfStock).text("code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(answer(unknownSku).status()).as("a SKU never received has no stock, answered on its own")
                .isEqualTo(409);
        assertThat(answer(unknownSku).text("code")).isEqualTo("INSUFFICIENT_STOCK");

        List<Map<String, Object>> sharers = reservationsIn(warehouses.subList(writers, writers + 4));
        assertThat(sharers).extracting(event -> event.get("requester")).containsExactlyInAnyOrder("alice", "dave", "erin");
        assertThat(sharers).extracting(event -> event.get("tx")).as("one transaction for the three SKUs")
                .containsOnly(sharers.getFirst().get("tx"));
        assertThat(reservationsIn(warehouses.subList(0, writers))).extracting(event -> event.get("tx"))
                .as("each busy writer its own transaction, none of them the shared one")
                .doesNotHaveDuplicates().doesNotContain(sharers.getFirst().get("tx"));
        for (Map<String, Object> event : sharers) {
            Call cause = Map.of("alice", a, "dave", c, "erin", d).get((String) event.get("requester"));
            assertThat(event.get("trace_id")).as("each event carries its own request's trace").isEqualTo(cause.traceId());
            assertThat(event.get("meta_actor")).isEqualTo(cause.actor());
        }
        assertThat(shared.count() - sharedBefore).as("one shared transaction").isEqualTo(1);
        assertThat(shared.max()).as("of the five queued SKUs, the unknown one included").isEqualTo(5);
    }

    private Call reserveIn(UUID inWarehouse, String actor, int quantity) {
        return send(actor, "/v1/reserve",
                LedgerClient.reserveBody(product, inWarehouse, quantity, LedgerClient.key(), 300));
    }

    /** The reservations made in these warehouses (of this test's product): requester, trace, actor, transaction. */
    private List<Map<String, Object>> reservationsIn(List<UUID> inWarehouses) {
        return jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'requester_id' AS requester,
                       convert_from(payload, 'UTF8')::jsonb ->> 'trace_id' AS trace_id,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' AS meta_actor,
                       xmin::text AS tx
                  FROM domain_event_entry
                 WHERE aggregate_identifier = ANY (?) AND payload_type LIKE '%ReservationRequested'""",
                (Object) inWarehouses.stream().map(each -> product + ":" + each).toArray(String[]::new));
    }

    private static JsonNode json(Object text) {
        try {
            return JSON.readTree((String) text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
