package io.stockledger.api.web;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An order system's whole lifecycle over HTTP, and what it leaves in the event store and the read models. With
 * W3C trace propagation on, as in production (Spring's test support turns it off unless asked).
 */
@AutoConfigureObservability(metrics = false)
class ReservationLifecycleTest extends ServiceIntegrationTest {

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();

    @Test
    void receiveReserveConfirmReleaseAdjust() {
        Response received = client.receive(product, warehouse, 100);
        assertThat(received.status()).isEqualTo(200);
        assertThat(received.number("on_hand")).isEqualTo(100);

        Response reserved = client.reserve(product, warehouse, 10, LedgerClient.key());
        assertThat(reserved.status()).isEqualTo(200);
        assertThat(reserved.text("status")).isEqualTo("PENDING");
        Instant createdAt = Instant.parse(reserved.text("created_at"));
        assertThat(Instant.parse(reserved.text("expires_at"))).isEqualTo(createdAt.plusSeconds(300));
        String first = reserved.text("reservation_id");

        // confirm the instant reserve returned: no waiting for a projection
        Response confirmed = client.confirm(first);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
        assertThat(confirmed.text("reservation_id")).isEqualTo(first);
        assertThat(client.confirm(first).text("status")).as("confirming again").isEqualTo("CONFIRMED");

        String second = client.reserve(product, warehouse, 5, LedgerClient.key()).text("reservation_id");
        assertThat(client.release(second).text("status")).isEqualTo("RELEASED");
        assertThat(client.release(second).text("status")).as("releasing again").isEqualTo("RELEASED");
        Response confirmReleased = client.confirm(second);
        assertThat(confirmReleased.status()).isEqualTo(409);
        assertThat(confirmReleased.text("code")).isEqualTo("RESERVATION_RELEASED");

        Response adjusted = client.adjust(product, warehouse, -3, "DAMAGE", LedgerClient.key());
        assertThat(adjusted.status()).isEqualTo(200);
        assertThat(adjusted.number("on_hand")).isEqualTo(87);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response stock = client.stock(product, warehouse);
            assertThat(stock.status()).isEqualTo(200);
            assertThat(stock.number("on_hand")).isEqualTo(87);
            assertThat(stock.number("reserved")).isZero();
            assertThat(stock.number("available")).isEqualTo(87);
            assertThat(client.get("/v1/reservations/" + first).text("status")).isEqualTo("CONFIRMED");
            assertThat(client.get("/v1/reservations/" + second).text("status")).isEqualTo("RELEASED");
        });
    }

    /**
     * The ids the service makes are time-ordered (version 7): each one is a key in indexes written on every
     * reservation, and a random key would land on a random index page.
     */
    @Test
    void theServiceGivesReservationsOrderLinesAndTransfersTimeOrderedIds() throws InterruptedException {
        client.receive(product, warehouse, 100);
        UUID single = UUID.fromString(client.reserve(product, warehouse, 1, LedgerClient.key())
                .text("reservation_id"));
        Thread.sleep(2);
        Response order = client.post("/v1/orders/reserve", Map.of("order_id", "ids-" + UUID.randomUUID(),
                "idempotency_key", LedgerClient.key(), "ttl_seconds", 300, "warehouse_ids", List.of(warehouse.toString()),
                "lines", List.of(Map.of("line_id", "1", "product_id", product.toString(), "quantity", 1))));
        assertThat(order.status()).as(order.raw()).isEqualTo(200);
        UUID ofOrderLine = UUID.fromString(order.body().at("/lines/0/allocations/0/reservation_id").asText());
        Thread.sleep(2);
        Response transfer = client.post("/v1/transfers", Map.of("product_id", product.toString(),
                "from_warehouse_id", warehouse.toString(), "to_warehouse_id", UUID.randomUUID().toString(),
                "quantity", 1, "idempotency_key", LedgerClient.key()));
        assertThat(transfer.status()).as(transfer.raw()).isEqualTo(202);
        UUID transferId = UUID.fromString(transfer.text("transfer_id"));

        assertThat(List.of(single, ofOrderLine, transferId)).extracting(UUID::version).containsOnly(7);
        assertThat(List.of(single.toString(), ofOrderLine.toString(), transferId.toString()))
                .as("in the order they were made").isSorted();
    }

    @Test
    void theReserveAnswerAndTheReservationReadAgreeToTheDigitAndOnTheLots() {
        assertThat(client.receiveLot(product, warehouse, 10, "SOONER", java.time.LocalDate.now().plusDays(30))
                .status()).isEqualTo(200);
        assertThat(client.receiveLot(product, warehouse, 5, "LATER", java.time.LocalDate.now().plusDays(60))
                .status()).isEqualTo(200);

        Response reserved = client.reserve(product, warehouse, 12, LedgerClient.key());
        assertThat(reserved.status()).isEqualTo(200);
        assertThat(reserved.body().path("lots").size()).as("lots held").isEqualTo(2);
        String id = reserved.text("reservation_id");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> client.get("/v1/reservations/" + id).status() == 200);
        Response read = client.get("/v1/reservations/" + id);
        // the same instants as strings, not merely as instants: the ledger keeps microseconds, as PostgreSQL does
        assertThat(read.text("expires_at")).isEqualTo(reserved.text("expires_at"));
        assertThat(read.text("created_at")).isEqualTo(reserved.text("created_at"));
        assertThat(read.body().path("lots")).isEqualTo(reserved.body().path("lots"));
        assertThat(read.body().path("lots").findValuesAsText("batch_number")).containsExactly("SOONER", "LATER");
    }

    @Test
    void everyChangeIsAReadableEventInPostgres() {
        Response received = client.receive(product, warehouse, 20);
        String reservation = client.reserve(product, warehouse, 4, LedgerClient.key()).text("reservation_id");
        client.confirm(reservation);

        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT sequence_number, payload_type, convert_from(payload, 'UTF8') AS payload,
                       convert_from(meta_data, 'UTF8') AS meta_data
                  FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                product + ":" + warehouse);
        assertThat(events).extracting(row -> row.get("payload_type")).containsExactly(
                "io.stockledger.events.StockReceived", "io.stockledger.events.ReservationRequested",
                "io.stockledger.events.ReservationConfirmed");
        assertThat(events).extracting(row -> ((Number) row.get("sequence_number")).longValue())
                .containsExactly(0L, 1L, 2L);
        assertThat((String) events.get(0).get("payload"))
                .contains("\"product_id\":\"" + product + "\"")
                .contains("\"quantity\":20")
                .contains("\"trace_id\":\"" + received.traceId() + "\"");
        assertThat((String) events.get(0).get("meta_data")).contains(received.traceId()).contains("\"actor\":\"test-admin\"");
        assertThat((String) events.get(0).get("payload")).contains("\"requester_id\":\"test-admin\"");
    }

    @Test
    void aW3cTraceparentBecomesTheTraceIdOfTheResponseAndTheEvents() {
        client.receive(product, warehouse, 3);
        String reservationBody = "{\"product_id\":\"" + product + "\",\"warehouse_id\":\"" + warehouse
                + "\",\"quantity\":1,\"idempotency_key\":\"" + LedgerClient.key() + "\",\"ttl_seconds\":60}";
        LedgerClient.Response reserved = client.postRaw("/v1/reserve", reservationBody,
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(reserved.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8')::json->>'trace_id' FROM domain_event_entry"
                        + " WHERE convert_from(payload, 'UTF8')::json->>'reservation_id' = ?", String.class,
                reserved.text("reservation_id"))).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void readinessIncludesTheDatabaseAndTheReadModelProcessor() {
        LedgerClient.Response readiness = management.get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(readiness.body().path("components").path("eventProcessors").path("details")
                .path("read-models").path("running").asBoolean()).isTrue();
    }

    @Test
    void theMovementJournalRecordsEveryChangeAtItsGlobalPosition() {
        client.receive(product, warehouse, 50);
        String kept = client.reserve(product, warehouse, 7, LedgerClient.key()).text("reservation_id");
        String shipped = client.reserve(product, warehouse, 5, LedgerClient.key()).text("reservation_id");
        client.confirm(shipped);
        client.release(kept);
        client.adjust(product, warehouse, 2, "FOUND", LedgerClient.key());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM stock_movement WHERE product_id = ?", Long.class, product)).isEqualTo(6));
        assertThat(jdbc.queryForList("""
                SELECT movement_type FROM stock_movement WHERE product_id = ? ORDER BY global_position""",
                String.class, product))
                .containsExactly("RECEIPT", "RESERVATION", "RESERVATION", "SHIPMENT", "RELEASE", "ADJUSTMENT");
        Map<String, Object> sums = jdbc.queryForMap("""
                SELECT sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved
                  FROM stock_movement WHERE product_id = ?""", product);
        assertThat(((Number) sums.get("on_hand")).longValue()).isEqualTo(47);
        assertThat(((Number) sums.get("reserved")).longValue()).isZero();
        assertThat(jdbc.queryForList("""
                SELECT m.global_position FROM stock_movement m
                  JOIN domain_event_entry e ON e.global_index = m.global_position
                 WHERE m.product_id = ? AND e.sequence_number = m.sequence_number""", Long.class, product))
                .as("journal rows point at their events").hasSize(6);
        assertThat(jdbc.queryForObject("SELECT reason FROM stock_movement WHERE movement_type = 'ADJUSTMENT'"
                + " AND product_id = ?", String.class, product)).isEqualTo("FOUND");
    }
}
