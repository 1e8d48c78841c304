package io.stockledger.api.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.ValidationProblems;
import io.stockledger.api.support.SyntheticLedgers;
import io.stockledger.api.support.TestTokens;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/stock?warehouse_id=&as_of=}: every ledger of a warehouse as it stood at a past instant, equal to what
 * each ledger's live balance was then, streamed however many ledgers the warehouse has.
 */
class WarehouseStockAsOfTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private EventStorageEngine storage;

    private final UUID warehouse = UUID.randomUUID();

    /** The live balances of the warehouse's ledgers after a step (product -> balance), and when. */
    private record Observation(String step, Instant at, Map<String, JsonNode> live) {
    }

    private String at(UUID warehouseId, Instant instant) {
        return "/v1/stock?warehouse_id=" + warehouseId + "&as_of=" + instant;
    }

    @Test
    void theWarehouseAtEachInstantIsWhatEachLiveBalanceWasThen() throws Exception {
        UUID apples = UUID.randomUUID();
        UUID pears = UUID.randomUUID();
        UUID elsewhere = UUID.randomUUID();
        Instant beforeAnything = Instant.now();
        Thread.sleep(5);
        List<Observation> observations = new ArrayList<>();

        step(observations, "receive 10 apples", () -> client.receive(apples, warehouse, 10), List.of(apples));
        // the same product in another warehouse, and another warehouse's stock, must never show here
        assertThat(client.receive(apples, elsewhere, 5).status()).isEqualTo(200);
        assertThat(client.receive(UUID.randomUUID(), elsewhere, 5).status()).isEqualTo(200);
        step(observations, "receive 20 pears", () -> client.receive(pears, warehouse, 20), List.of(apples, pears));
        Response reserved = step(observations, "reserve 3 apples",
                () -> client.reserve(apples, warehouse, 3, LedgerClient.key()), List.of(apples, pears));
        step(observations, "confirm 3 apples", () -> client.confirm(reserved.text("reservation_id")),
                List.of(apples, pears));
        step(observations, "lose 2 pears",
                () -> client.adjust(pears, warehouse, -2, "LOSS", LedgerClient.key()), List.of(apples, pears));

        for (Observation observation : observations) {
            Response answer = client.get(at(warehouse, observation.at()));
            assertThat(answer.status()).as("%s: %s", observation.step(), answer.raw()).isEqualTo(200);
            assertThat(answer.contentType()).startsWith("application/json");
            assertThat(answer.text("warehouse_id")).isEqualTo(warehouse.toString());
            assertThat(Instant.parse(answer.text("as_of"))).isEqualTo(observation.at());
            Map<String, JsonNode> balances = new TreeMap<>();
            answer.body().path("balances").forEach(balance -> balances.put(balance.path("product_id").asText(),
                    balance));
            assertThat(balances.keySet()).as(observation.step()).isEqualTo(observation.live().keySet());
            assertThat(answer.number("ledger_count")).isEqualTo(observation.live().size());
            observation.live().forEach((product, live) -> {
                JsonNode past = balances.get(product);
                assertThat(past.path("warehouse_id").asText()).isEqualTo(warehouse.toString());
                for (String field : List.of("on_hand", "reserved", "available")) {
                    assertThat(past.path(field).asLong()).as("%s of %s after %s", field, product,
                            observation.step()).isEqualTo(live.path(field).asLong());
                }
                // the same answer as the one-ledger as-of, but for the instant
                JsonNode one = client.get("/v1/stock/" + product + "/" + warehouse + "?as_of=" + observation.at())
                        .body();
                assertThat(past.path("sequence_number")).isEqualTo(one.path("sequence_number"));
                assertThat(past.path("on_hand")).isEqualTo(one.path("on_hand"));
            });
        }

        Response before = client.get(at(warehouse, beforeAnything));
        assertThat(before.status()).as(before.raw()).isEqualTo(200);
        assertThat(before.body().path("balances").size()).isZero();
        assertThat(before.number("ledger_count")).isZero();
        Response unknownWarehouse = client.get(at(UUID.randomUUID(), Instant.now()));
        assertThat(unknownWarehouse.status()).isEqualTo(200);
        assertThat(unknownWarehouse.body().path("balances").size()).isZero();
    }

    /** Does one step, waits until the live balances show it, and records them and the instant. */
    private Response step(List<Observation> observations, String step, Supplier<Response> action,
                          List<UUID> products) throws InterruptedException {
        Response response = action.get();
        assertThat(response.status()).as("%s: %s", step, response.raw()).isEqualTo(200);
        for (UUID product : products) { // the balance read model has applied each ledger's last event
            await().atMost(Duration.ofSeconds(20)).until(() -> Boolean.TRUE.equals(jdbc.queryForObject("""
                    SELECT b.last_sequence = (SELECT max(sequence_number) FROM domain_event_entry
                                               WHERE aggregate_identifier = ?)
                      FROM stock_balance b WHERE b.product_id = ? AND b.warehouse_id = ?""", Boolean.class,
                    product + ":" + warehouse, product, warehouse)));
        }
        Map<String, JsonNode> live = new TreeMap<>();
        for (UUID product : products) {
            Response stock = client.stock(product, warehouse);
            assertThat(stock.status()).isEqualTo(200);
            live.put(product.toString(), stock.body());
        }
        observations.add(new Observation(step, Instant.now(), live));
        Thread.sleep(5); // the next event comes at a later instant than this observation
        return response;
    }

    @Test
    void aLargeWarehouseIsStreamedLedgerByLedgerInProductOrder() throws Exception {
        UUID big = UUID.randomUUID();
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        SyntheticLedgers synthetic = new SyntheticLedgers(storage, 500);
        List<SyntheticLedgers.Ledger> ledgers = synthetic.write(big, 1_500, 6, start);
        synthetic.write(UUID.randomUUID(), 50, 6, start); // another warehouse, same instants

        HttpResponse<String> all = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + at(big, start.plusSeconds(3600)))).header("Authorization", "Bearer " + TestTokens.admin())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Length")).as("streamed, not sized up front").isEmpty();
        JsonNode body = JSON.readTree(all.body());
        assertThat(body.path("ledger_count").asLong()).isEqualTo(1_500);
        List<SyntheticLedgers.Ledger> inProductOrder = ledgers.stream()
                .sorted(Comparator.comparing(ledger -> ledger.productId().toString())).toList();
        assertThat(body.path("balances").size()).isEqualTo(1_500);
        for (int i = 0; i < inProductOrder.size(); i++) {
            SyntheticLedgers.Ledger expected = inProductOrder.get(i);
            JsonNode actual = body.path("balances").get(i);
            assertThat(actual.path("product_id").asText()).isEqualTo(expected.productId().toString());
            assertThat(actual.path("sequence_number").asLong()).isEqualTo(5);
            assertThat(actual.path("on_hand").asLong()).isEqualTo(expected.after(5)[0]);
            assertThat(actual.path("reserved").asLong()).isEqualTo(expected.after(5)[1]);
        }

        // early in every ledger's history: events 0 and 1 (the receipt and a reservation) happened by then
        Response halfway = client.get(at(big, start.plusMillis(1_500)));
        assertThat(halfway.number("ledger_count")).isEqualTo(1_500);
        halfway.body().path("balances").forEach(balance -> {
            SyntheticLedgers.Ledger ledger = inProductOrder.stream()
                    .filter(l -> l.productId().toString().equals(balance.path("product_id").asText()))
                    .findFirst().orElseThrow();
            assertThat(balance.path("sequence_number").asLong()).isEqualTo(1);
            assertThat(balance.path("on_hand").asLong()).isEqualTo(ledger.after(1)[0]);
            assertThat(balance.path("reserved").asLong()).isEqualTo(ledger.after(1)[1]);
            assertThat(balance.path("reserved").asLong()).as("a reservation was pending then").isPositive();
        });
    }

    @Test
    void badParametersAreValidationFailuresNamingTheParameter() {
        String now = Instant.now().toString();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/v1/stock", "warehouse_id");
        cases.put("/v1/stock?as_of=" + now, "warehouse_id");
        cases.put("/v1/stock?warehouse_id=&as_of=" + now, "warehouse_id");
        cases.put("/v1/stock?warehouse_id=12345&as_of=" + now, "warehouse_id");
        cases.put("/v1/stock?warehouse_id=" + warehouse, "as_of");
        cases.put("/v1/stock?warehouse_id=" + warehouse + "&as_of=yesterday", "as_of");
        cases.put("/v1/stock?warehouse_id=" + warehouse + "&as_of=2025-03-31T23:59:59", "as_of");
        cases.put("/v1/stock?warehouse_id=" + warehouse + "&as_of=" + now + "&product_id=" + UUID.randomUUID(),
                "product_id");

        ValidationProblems.assertEachGetRefused(client, cases);
    }

    @Test
    void theWarehouseAsOfNeedsAuditReadAndInventoryRead() {
        String path = at(warehouse, Instant.now());

        Response readerOnly = client.withToken(TestTokens.withPermissions("x", "inventory:read")).get(path);
        assertThat(readerOnly.status()).as(readerOnly.raw()).isEqualTo(403);
        assertThat(readerOnly.text("required_permission")).isEqualTo("audit:read");
        Response auditReadOnly = client.withToken(TestTokens.withPermissions("x", "audit:read")).get(path);
        assertThat(auditReadOnly.status()).isEqualTo(403);
        assertThat(auditReadOnly.text("required_permission")).isEqualTo("inventory:read");
        assertThat(client.withToken(null).get(path).status()).isEqualTo(401);
        Response auditor = client.withToken(TestTokens.withRoles("auditor-1", "auditor")).get(path);
        assertThat(auditor.status()).as(auditor.raw()).isEqualTo(200);
    }
}
