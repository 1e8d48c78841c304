package io.stockledger.api.web;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceInstance;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one database, each caching its own copy of a ledger: a refusal appends nothing, so no conflicting
 * append tells an instance its copy is behind; the refusal's version is compared with the store's before it is
 * answered, and a refusal decided on a stale copy is decided once more on a fresh load.
 */
class TwoInstancesStaleCacheTest extends ServiceIntegrationTest {

    @Autowired
    private Environment environment;

    private ServiceInstance secondInstance;
    private LedgerClient instanceB;

    @BeforeEach
    void startSecondInstance() {
        secondInstance = ServiceInstance.sharingDatabaseOf(environment);
        instanceB = secondInstance.client();
    }

    @AfterEach
    void stopSecondInstance() {
        secondInstance.close();
    }

    @Test
    void aReservationJustMadeOnOneInstanceIsConfirmedThroughTheOther() {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        LedgerClient instanceA = client;
        // B caches the ledger as it is before A's reservation
        assertThat(instanceB.receive(product, warehouse, 10).status()).isEqualTo(200);

        Response reserved = instanceA.reserve(product, warehouse, 3, LedgerClient.key());
        assertThat(reserved.status()).isEqualTo(200);

        Response confirmed = instanceB.confirm(reserved.text("reservation_id"));
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void unitsReleasedOnOneInstanceCanBeReservedThroughTheOther() {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        LedgerClient instanceA = client;
        assertThat(instanceB.receive(product, warehouse, 5).status()).isEqualTo(200);
        Response taken = instanceA.reserve(product, warehouse, 5, LedgerClient.key());
        assertThat(taken.status()).isEqualTo(200);
        // B's append conflicts with A's reservation, B decides again on a fresh load and caches the units as taken
        assertThat(instanceB.reserve(product, warehouse, 1, LedgerClient.key()).status())
                .as("every unit is reserved").isEqualTo(409);
        // A gives them back: B's copy, with every unit reserved, is now behind the store
        assertThat(instanceA.release(taken.text("reservation_id")).status()).isEqualTo(200);

        Response reservedOnB = instanceB.reserve(product, warehouse, 5, LedgerClient.key());
        assertThat(reservedOnB.status()).as(reservedOnB.raw()).isEqualTo(200);
        assertThat(reservedOnB.text("status")).isEqualTo("PENDING");
    }

    /** An order reads its ledgers in one unit of work of its own: its refusal is checked against the store too. */
    @Test
    void anOrderForUnitsReleasedOnOneInstanceIsReservedThroughTheOther() {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        LedgerClient instanceA = client;
        assertThat(instanceB.receive(product, warehouse, 5).status()).isEqualTo(200);
        Response taken = instanceA.reserve(product, warehouse, 5, LedgerClient.key());
        assertThat(taken.status()).isEqualTo(200);
        assertThat(instanceB.reserve(product, warehouse, 1, LedgerClient.key()).status())
                .as("every unit is reserved, and B's copy says so").isEqualTo(409);
        assertThat(instanceA.release(taken.text("reservation_id")).status()).isEqualTo(200);

        Response order = instanceB.post("/v1/orders/reserve", Map.of(
                "order_id", "stale-" + UUID.randomUUID(),
                "idempotency_key", LedgerClient.key(),
                "ttl_seconds", 600,
                "warehouse_ids", List.of(warehouse.toString()),
                "lines", List.of(Map.of("line_id", "1", "product_id", product.toString(), "quantity", 5))));

        assertThat(order.status()).as(order.raw()).isEqualTo(200);
        assertThat(order.text("status")).isEqualTo("PENDING");
    }
}
