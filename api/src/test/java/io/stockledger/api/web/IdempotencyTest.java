package io.stockledger.api.web;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.stockledger.api.support.ExpectedProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The same key with the same request returns the first outcome and writes nothing; with another request, 422. */
class IdempotencyTest extends ServiceIntegrationTest {

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();

    @Test
    void aRetriedReservationReturnsTheSameReservationAndWritesNothing() {
        String key = LedgerClient.key();
        Response first = reservedThreeUnder(key);
        long events = eventCount();

        Response retry = client.reserve(product, warehouse, 3, key);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.text("reservation_id")).isEqualTo(first.text("reservation_id"));
        assertThat(retry.text("expires_at")).isEqualTo(first.text("expires_at"));
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void theSameKeyForADifferentQuantityIs422() {
        String key = LedgerClient.key();
        reservedThreeUnder(key);
        long events = eventCount();

        Response reused = client.reserve(product, warehouse, 4, key);

        assertProblem(reused, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(reused.body().path("errors").findValuesAsText("field")).containsExactly("idempotency_key");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aKeyUsedOnOneSkuCannotBeReusedOnAnotherAndNothingIsWrittenThere() {
        UUID otherWarehouse = UUID.randomUUID();
        client.receive(product, otherWarehouse, 10);
        String key = LedgerClient.key();
        reservedThreeUnder(key);
        long events = eventCount();

        Response reused = client.reserve(product, otherWarehouse, 3, key);

        assertProblem(reused, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(eventCount()).as("the rolled-back reservation left no event").isEqualTo(events);
        assertThat(client.reserve(product, otherWarehouse, 10, LedgerClient.key()).status())
                .as("and none of the other SKU's stock is held").isEqualTo(200);
    }

    @Test
    void aRetriedReceiptAddsStockOnce() {
        String key = LedgerClient.key();
        Map<String, Object> body = Map.of("product_id", product.toString(), "warehouse_id", warehouse.toString(),
                "quantity", 25, "idempotency_key", key);

        Response first = client.post("/v1/receive", body);
        Response retry = client.post("/v1/receive", body);

        assertThat(first.number("on_hand")).isEqualTo(25);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().path("replayed").asBoolean()).isTrue();
        assertThat(retry.text("event_id")).isEqualTo(first.text("event_id"));
        assertThat(retry.number("on_hand")).isEqualTo(25);
    }

    /** Receives 10 and reserves 3 of them under the key: the first use, which the key's retry or misuse follows. */
    private Response reservedThreeUnder(String key) {
        client.receive(product, warehouse, 10);
        return client.reserve(product, warehouse, 3, key);
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
