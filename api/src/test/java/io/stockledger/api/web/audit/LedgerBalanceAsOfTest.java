package io.stockledger.api.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.ExpectedProblems;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.ValidationProblems;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/ledger/{product_id}/{warehouse_id}/balance?as_of=} and {@code GET /v1/stock/{p}/{w}?as_of=}: an
 * auditor asks what a balance was at a past instant, and gets exactly what {@code GET /v1/stock/...} answered live at
 * that instant, the same from both endpoints.
 */
class LedgerBalanceAsOfTest extends ServiceIntegrationTest {

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();

    /** What the live endpoint answered after each step, and when. */
    private record Observation(String step, Instant at, JsonNode live) {
    }

    private String balance(UUID productId, UUID warehouseId) {
        return "/v1/ledger/" + productId + "/" + warehouseId + "/balance";
    }

    private String balanceAt(Instant instant) {
        return balance(product, warehouse) + "?as_of=" + instant;
    }

    private String stockAt(Instant instant) {
        return "/v1/stock/" + product + "/" + warehouse + "?as_of=" + instant;
    }

    @Test
    void theBalanceAtEachInstantIsWhatTheLiveBalanceWasThen() throws InterruptedException {
        Instant beforeAnything = Instant.now();
        Thread.sleep(5);
        List<Observation> observations = new ArrayList<>();

        step(observations, "receive 100", () -> client.receive(product, warehouse, 100), 100, 0);
        Response shipped = step(observations, "reserve 10",
                () -> client.reserve(product, warehouse, 10, LedgerClient.key()), 100, 10);
        step(observations, "confirm 10", () -> client.confirm(shipped.text("reservation_id")), 90, 0);
        Response cancelled = step(observations, "reserve 5",
                () -> client.reserve(product, warehouse, 5, LedgerClient.key()), 90, 5);
        step(observations, "release 5", () -> client.release(cancelled.text("reservation_id")), 90, 0);
        step(observations, "adjust -2",
                () -> client.adjust(product, warehouse, -2, "DAMAGE", LedgerClient.key()), 88, 0);
        // another ledger's events must not count
        client.receive(product, UUID.randomUUID(), 7);
        client.receive(UUID.randomUUID(), warehouse, 7);

        long previousSequence = -1;
        for (Observation observation : observations) {
            Response asOf = client.get(balanceAt(observation.at()));
            assertThat(asOf.status()).as("%s: %s", observation.step(), asOf.raw()).isEqualTo(200);
            JsonNode body = asOf.body();
            assertThat(body.path("product_id").asText()).isEqualTo(product.toString());
            assertThat(body.path("warehouse_id").asText()).isEqualTo(warehouse.toString());
            assertThat(Instant.parse(body.path("as_of").asText())).isEqualTo(observation.at());
            for (String field : List.of("on_hand", "reserved", "available")) {
                assertThat(body.path(field).asLong()).as("%s after %s", field, observation.step())
                        .isEqualTo(observation.live().path(field).asLong());
            }
            assertThat(body.path("sequence_number").isIntegralNumber()).as(asOf.raw()).isTrue();
            long sequence = body.path("sequence_number").asLong();
            assertThat(sequence).as("sequence after %s", observation.step()).isGreaterThan(previousSequence);
            previousSequence = sequence;

            Response onTheStockEndpoint = client.get(stockAt(observation.at()));
            assertThat(onTheStockEndpoint.status()).as(onTheStockEndpoint.raw()).isEqualTo(200);
            assertThat(onTheStockEndpoint.body()).as("the same answer on /v1/stock").isEqualTo(body);
        }
        assertThat(previousSequence).as("six events, numbered from 0").isEqualTo(5);

        assertThat(client.get(stockAt(beforeAnything)).body()).isEqualTo(client.get(balanceAt(beforeAnything)).body());
        Response before = client.get(balanceAt(beforeAnything));
        assertThat(before.status()).as(before.raw()).isEqualTo(200);
        assertThat(before.body().path("on_hand").asLong()).isZero();
        assertThat(before.body().path("reserved").asLong()).isZero();
        assertThat(before.body().path("available").asLong()).isZero();
        assertThat(before.body().has("sequence_number")).as("always present").isTrue();
        assertThat(before.body().get("sequence_number").isNull()).as(before.raw()).isTrue();

        // the same instant written with an offset ('+' encoded, as in any query string)
        Observation afterConfirm = observations.get(2);
        String withOffset = afterConfirm.at().atOffset(ZoneOffset.ofHours(2)).toString().replace("+", "%2B");
        Response offset = client.get(balance(product, warehouse) + "?as_of=" + withOffset);
        assertThat(offset.status()).as(offset.raw()).isEqualTo(200);
        assertThat(offset.body().path("on_hand").asLong()).isEqualTo(90);
        assertThat(offset.body().path("sequence_number").asLong()).isEqualTo(2);
    }

    /** Does one step, waits until the live balance shows its effect, and records that answer and the instant. */
    private Response step(List<Observation> observations, String step, Supplier<Response> action, long onHand,
                          long reserved) throws InterruptedException {
        Response response = action.get();
        assertThat(response.status()).as("%s: %s", step, response.raw()).isEqualTo(200);
        JsonNode[] live = new JsonNode[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response stock = client.stock(product, warehouse);
            assertThat(stock.status()).isEqualTo(200);
            assertThat(stock.body().path("on_hand").asLong()).isEqualTo(onHand);
            assertThat(stock.body().path("reserved").asLong()).isEqualTo(reserved);
            live[0] = stock.body();
        });
        observations.add(new Observation(step, Instant.now(), live[0]));
        Thread.sleep(5); // the next event comes at a later instant than this observation
        return response;
    }

    @Test
    void aLedgerWithoutEventsIsNotFound() {
        Response unknown = client.get(balance(UUID.randomUUID(), warehouse) + "?as_of=" + Instant.now());

        ExpectedProblems.assertProblem(unknown, 404, "STOCK_LEDGER_NOT_FOUND");
    }

    @Test
    void badParametersAreValidationFailuresNamingTheParameter() {
        assertThat(client.receive(product, warehouse, 1).status()).isEqualTo(200);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(balance(product, warehouse), "as_of");
        cases.put(balance(product, warehouse) + "?as_of=", "as_of");
        cases.put(balance(product, warehouse) + "?as_of=yesterday", "as_of");
        cases.put(balance(product, warehouse) + "?as_of=2025-01-31", "as_of");
        cases.put(balance(product, warehouse) + "?as_of=2025-01-31T10:00:00", "as_of"); // no offset
        cases.put(balance(product, warehouse) + "?as_of=2025-01-31T10:00:00Z&at=now", "at");
        cases.put("/v1/ledger/not-a-uuid/" + warehouse + "/balance?as_of=2025-01-31T10:00:00Z", "product_id");
        cases.put("/v1/ledger/" + product + "/12345/balance?as_of=2025-01-31T10:00:00Z", "warehouse_id");
        String stock = "/v1/stock/" + product + "/" + warehouse;
        cases.put(stock + "?as_of=", "as_of");
        cases.put(stock + "?as_of=yesterday", "as_of");
        cases.put(stock + "?as_of=2025-01-31T10:00:00", "as_of");
        cases.put(stock + "?asof=2025-01-31T10:00:00Z", "asof"); // misspelt: never silently the present
        cases.put("/v1/stock/" + product + "/12345?as_of=2025-01-31T10:00:00Z", "warehouse_id");

        ValidationProblems.assertEachGetRefused(client, cases);
    }

    @Test
    void onlyAuditorsMayReadPastBalances() {
        assertThat(client.receive(product, warehouse, 1).status()).isEqualTo(200);
        String path = balanceAt(Instant.now());

        Response withoutAuditRead = client.withToken(TestTokens.withPermissions("x", "inventory:read")).get(path);
        assertThat(withoutAuditRead.status()).as(withoutAuditRead.raw()).isEqualTo(403);
        assertThat(withoutAuditRead.text("code")).isEqualTo("FORBIDDEN");
        assertThat(withoutAuditRead.text("required_permission")).isEqualTo("audit:read");

        Response withoutToken = client.withToken(null).get(path);
        assertThat(withoutToken.status()).isEqualTo(401);

        Response auditor = client.withToken(TestTokens.withRoles("auditor-1", "auditor")).get(path);
        assertThat(auditor.status()).as(auditor.raw()).isEqualTo(200);
        assertThat(auditor.body().path("on_hand").asLong()).isEqualTo(1);
    }

    @Test
    void asOfOnTheStockEndpointNeedsAuditReadAsWellAsInventoryRead() {
        assertThat(client.receive(product, warehouse, 3).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(product, warehouse).status() == 200);
        String now = "/v1/stock/" + product + "/" + warehouse;
        String past = stockAt(Instant.now());

        LedgerClient reader = client.withToken(TestTokens.withPermissions("x", "inventory:read"));
        assertThat(reader.get(now).status()).as("the present needs inventory:read only").isEqualTo(200);
        Response readerAsksThePast = reader.get(past);
        assertThat(readerAsksThePast.status()).as(readerAsksThePast.raw()).isEqualTo(403);
        assertThat(readerAsksThePast.text("required_permission")).isEqualTo("audit:read");
        // refused before as_of is even looked at: no hint about the past to a caller without audit:read
        assertThat(reader.get(now + "?as_of=garbage").status()).isEqualTo(403);

        Response auditReadOnly = client.withToken(TestTokens.withPermissions("x", "audit:read")).get(past);
        assertThat(auditReadOnly.status()).as(auditReadOnly.raw()).isEqualTo(403);
        assertThat(auditReadOnly.text("required_permission")).isEqualTo("inventory:read");

        Response both = client.withToken(TestTokens.withPermissions("x", "inventory:read", "audit:read")).get(past);
        assertThat(both.status()).as(both.raw()).isEqualTo(200);
        assertThat(both.body().path("on_hand").asLong()).isEqualTo(3);
        assertThat(both.body().path("sequence_number").asLong()).isZero();

        Response unknown = client.get("/v1/stock/" + UUID.randomUUID() + "/" + warehouse + "?as_of=" + Instant.now());
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("STOCK_LEDGER_NOT_FOUND");
    }
}
