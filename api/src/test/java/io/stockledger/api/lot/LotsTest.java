package io.stockledger.api.lot;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.AdjustableClock;
import io.stockledger.api.support.AdjustableClockConfiguration;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Lots over HTTP against the real service: FEFO picking across three lots, the minimum shelf life, quarantine,
 * expiry by date (the clock is moved, not waited for), the picking policy, lot adjustments, and the lot list.
 */
@Import(AdjustableClockConfiguration.class)
class LotsTest extends ServiceIntegrationTest {

    @Autowired
    private AdjustableClock clock;

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();
    private LocalDate today;

    /** LATE expires in 90 days and arrived first, SOON in 10 days, NEVER does not expire: 10 units each. */
    @BeforeEach
    void threeLots() {
        today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        assertThat(client.receiveLot(product, warehouse, 10, "LATE", today.plusDays(90)).status()).isEqualTo(200);
        assertThat(client.receiveLot(product, warehouse, 10, "SOON", today.plusDays(10)).status()).isEqualTo(200);
        assertThat(client.receiveLot(product, warehouse, 10, "NEVER", null).status()).isEqualTo(200);
        awaitStock(30, 0);
    }

    @Test
    void fefoPicksAcrossThreeLotsAndTheJournalNamesWhatTheConfirmationConsumed() {
        LedgerClient.Response reserved = client.reserve(product, warehouse, 25, LedgerClient.key());

        assertThat(reserved.status()).isEqualTo(200);
        assertThat(lots(reserved.body().get("lots"))).containsExactly("SOON:10", "LATE:10", "NEVER:5");
        String reservation = reserved.text("reservation_id");
        assertThat(client.confirm(reservation).status()).isEqualTo(200);

        awaitStock(5, 0);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode rows = client.get("/v1/ledger/movements?product_id=" + product + "&warehouse_id=" + warehouse
                    + "&type=SHIPMENT").body().get("movements");
            assertThat(rows).hasSize(1);
            assertThat(lots(rows.get(0).get("lots"))).containsExactly("SOON:10", "LATE:10", "NEVER:5");
        });
        Map<String, JsonNode> batches = batches("");
        assertThat(batches.get("SOON").get("status").asText()).isEqualTo("DEPLETED");
        assertThat(batches.get("LATE").get("quantity").asLong()).isZero();
        assertThat(batches.get("NEVER").get("quantity").asLong()).isEqualTo(5);
        assertThat(batches.values().stream().mapToLong(lot -> lot.get("quantity").asLong()).sum())
                .as("the lots add up to on hand").isEqualTo(client.stock(product, warehouse).number("on_hand"));
    }

    @Test
    void aReservationAskingForMoreShelfLifeThanTheStockHasIsRefusedWithTheReason() {
        Map<String, Object> body = LedgerClient.reserveBody(product, warehouse, 21, LedgerClient.key(), 300);
        body.put("min_shelf_life_days", 30);

        LedgerClient.Response refused = client.post("/v1/reserve", body);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("INSUFFICIENT_SHELF_LIFE");
        assertThat(refused.text("detail")).contains("requested 21", "only 20 of the 30 available");

        body.put("quantity", 20);
        body.put("idempotency_key", LedgerClient.key());
        LedgerClient.Response granted = client.post("/v1/reserve", body);
        assertThat(granted.status()).isEqualTo(200);
        assertThat(lots(granted.body().get("lots"))).containsExactly("LATE:10", "NEVER:10");
    }

    @Test
    void aQuarantinedLotIsBlockedUntilReleased() {
        LedgerClient.Response quarantined = client.post("/v1/batches/quarantine", lotBody("SOON", "lab check"));

        assertThat(quarantined.status()).isEqualTo(200);
        assertThat(quarantined.text("status")).isEqualTo("QUARANTINED");
        awaitBlockedAndAvailable(10, 20);
        assertThat(batches("&status=QUARANTINED").keySet()).containsExactly("SOON");
        LedgerClient.Response reserved = client.reserve(product, warehouse, 20, LedgerClient.key());
        assertThat(lots(reserved.body().get("lots"))).containsExactly("LATE:10", "NEVER:10");
        assertThat(client.reserve(product, warehouse, 1, LedgerClient.key()).text("code"))
                .isEqualTo("INSUFFICIENT_STOCK");

        LedgerClient.Response released = client.post("/v1/batches/quarantine/release", lotBody("SOON", "lab ok"));

        assertThat(released.text("status")).isEqualTo("ACTIVE");
        assertThat(lots(client.reserve(product, warehouse, 1, LedgerClient.key()).body().get("lots")))
                .containsExactly("SOON:1");
    }

    @Test
    void theBalanceAtAPastInstantKnowsWhatWasBlockedThen() throws Exception {
        java.time.Instant beforeQuarantine = clock.instant();
        Thread.sleep(5);
        client.post("/v1/batches/quarantine", lotBody("SOON", "lab check"));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(product, warehouse).number("blocked") == 10);
        LedgerClient.Response live = client.stock(product, warehouse);

        LedgerClient.Response now = client.get("/v1/stock/" + product + "/" + warehouse + "?as_of="
                + clock.instant());
        LedgerClient.Response then = client.get("/v1/stock/" + product + "/" + warehouse + "?as_of="
                + beforeQuarantine);

        for (String field : List.of("on_hand", "reserved", "available", "blocked")) {
            assertThat(now.number(field)).as(field).isEqualTo(live.number(field));
        }
        assertThat(then.number("blocked")).isZero();
        assertThat(then.number("available")).isEqualTo(30);
        LedgerClient.Response later = client.get("/v1/stock/" + product + "/" + warehouse + "?as_of="
                + clock.instant().plus(Duration.ofDays(11)));
        assertThat(later.number("blocked")).as("only SOON is blocked then: quarantined, and past its date")
                .isEqualTo(10);
    }

    @Test
    void aLotPastItsExpiryDateIsBlockedWithoutAnyEvent() {
        clock.advance(Duration.ofDays(11));

        awaitBlockedAndAvailable(10, 20);
        assertThat(batches("&status=EXPIRED").keySet()).containsExactly("SOON");
        LedgerClient.Response reserved = client.reserve(product, warehouse, 15, LedgerClient.key());
        assertThat(lots(reserved.body().get("lots"))).containsExactly("LATE:10", "NEVER:5");
    }

    @Test
    void fifoPicksTheEarliestReceivedOnceChosen() {
        LedgerClient.Response policy = client.put("/v1/stock/" + product + "/" + warehouse + "/picking-policy",
                Map.of("policy", "FIFO"));

        assertThat(policy.status()).isEqualTo(200);
        assertThat(policy.text("policy")).isEqualTo("FIFO");
        assertThat(lots(client.reserve(product, warehouse, 15, LedgerClient.key()).body().get("lots")))
                .containsExactly("LATE:10", "SOON:5");
    }

    @Test
    void aLotCannotBeAdjustedBelowWhatIsReservedFromIt() {
        client.reserve(product, warehouse, 8, LedgerClient.key());

        LedgerClient.Response refused = client.post("/v1/adjust", adjustBody(-3, "SOON"));
        LedgerClient.Response unknown = client.post("/v1/adjust", adjustBody(2, "NOPE"));
        LedgerClient.Response allowed = client.post("/v1/adjust", adjustBody(-2, "SOON"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("ADJUSTMENT_BELOW_RESERVED");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("LOT_NOT_FOUND");
        assertThat(allowed.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(batches("").get("SOON").get("quantity").asLong()).isEqualTo(8));
    }

    @Test
    void anotherExpiryForAnExistingLotIsAConflict() {
        LedgerClient.Response refused = client.receiveLot(product, warehouse, 1, "SOON", today.plusDays(11));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("LOT_EXPIRY_MISMATCH");
    }

    @Test
    void badLotInputIsAClearProblemNamingTheField() {
        Map<String, Object> badBatch = new LinkedHashMap<>(Map.of("product_id", product.toString(),
                "warehouse_id", warehouse.toString(), "quantity", 1, "idempotency_key", LedgerClient.key(),
                "batch_number", "has space"));
        Map<String, Object> badDate = new LinkedHashMap<>(badBatch);
        badDate.put("batch_number", "OK-1");
        badDate.put("expiry_date", "31/12/2026");
        Map<String, Object> both = LedgerClient.reserveBody(product, warehouse, 1, LedgerClient.key(), 300);
        both.put("min_shelf_life_days", 3);
        both.put("min_expiry_date", today.plusDays(3).toString());

        // 400: the JSON cannot be read as the request; 422: it can, but breaks a rule (the API's convention)
        assertThat(field(client.post("/v1/receive", badBatch), 422)).isEqualTo("batch_number");
        assertThat(field(client.post("/v1/receive", badDate), 400)).isEqualTo("expiry_date");
        assertThat(field(client.post("/v1/reserve", both), 422)).isEqualTo("min_shelf_life_days");
        assertThat(field(client.get("/v1/batches"), 422)).isEqualTo("product_id");
        assertThat(field(client.get("/v1/batches?warehouse_id=" + warehouse + "&status=GONE"), 422))
                .isEqualTo("status");
        assertThat(field(client.get("/v1/batches?warehouse_id=" + warehouse + "&expiring_before=soon"), 422))
                .isEqualTo("expiring_before");
        assertThat(field(client.put("/v1/stock/" + product + "/" + warehouse + "/picking-policy",
                Map.of("policy", "LIFO")), 422)).isEqualTo("policy");
        assertThat(client.post("/v1/batches/quarantine", lotBody("NOPE", "x")).text("code"))
                .isEqualTo("LOT_NOT_FOUND");
    }

    @Test
    void theLotListFiltersByExpiryAcrossAWarehouse() {
        UUID otherProduct = UUID.randomUUID();
        client.receiveLot(otherProduct, warehouse, 4, "OTHER", today.plusDays(5));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode list = client.get("/v1/batches?warehouse_id=" + warehouse + "&expiring_before="
                    + today.plusDays(30)).body();
            List<String> found = new ArrayList<>();
            list.get("batches").forEach(lot -> found.add(lot.get("batch_number").asText()));
            assertThat(found).containsExactlyInAnyOrder("SOON", "OTHER");
            assertThat(list.get("status_date").asText()).isEqualTo(today.toString());
        });
    }

    // ---- helpers ----

    private Map<String, Object> lotBody(String batch, String reason) {
        return Map.of("product_id", product.toString(), "warehouse_id", warehouse.toString(), "batch_number", batch,
                "reason", reason);
    }

    private Map<String, Object> adjustBody(int quantity, String batch) {
        return Map.of("product_id", product.toString(), "warehouse_id", warehouse.toString(), "quantity", quantity,
                "reason", "DAMAGE", "idempotency_key", LedgerClient.key(), "batch_number", batch);
    }

    private static String field(LedgerClient.Response problem, int status) {
        assertThat(problem.status()).as(problem.raw()).isEqualTo(status);
        return problem.body().get("errors").get(0).get("field").asText();
    }

    private Map<String, JsonNode> batches(String filter) {
        JsonNode list = client.get("/v1/batches?product_id=" + product + "&warehouse_id=" + warehouse + filter)
                .body().get("batches");
        Map<String, JsonNode> byBatch = new LinkedHashMap<>();
        list.forEach(lot -> byBatch.put(lot.get("batch_number").asText(), lot));
        return byBatch;
    }

    private static List<String> lots(JsonNode lots) {
        List<String> pairs = new ArrayList<>();
        lots.forEach(lot -> pairs.add(lot.get("batch_number").asText() + ":" + lot.get("quantity").asInt()));
        return pairs;
    }

    private void awaitStock(long onHand, long reserved) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            LedgerClient.Response stock = client.stock(product, warehouse);
            assertThat(stock.number("on_hand")).isEqualTo(onHand);
            assertThat(stock.number("reserved")).isEqualTo(reserved);
        });
    }

    private void awaitBlockedAndAvailable(long blocked, long available) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            LedgerClient.Response stock = client.stock(product, warehouse);
            assertThat(stock.number("blocked")).isEqualTo(blocked);
            assertThat(stock.number("available")).isEqualTo(available);
        });
    }
}
