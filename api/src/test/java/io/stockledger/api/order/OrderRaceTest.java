package io.stockledger.api.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.Concurrently;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Many multi-line orders at once, overlapping in SKUs, against scarce stock in two warehouses: every order is
 * reserved whole or refused whole, the balances are the accepted orders' sums, nothing is oversold, no order waits
 * for another in a circle; then half are confirmed and half released, at once too.
 */
class OrderRaceTest extends ServiceIntegrationTest {

    private static final int ORDERS = 120;
    private static final int UNITS_PER_SKU = 12;
    private static final long SEED = Long.getLong("orders.seed", System.nanoTime());

    @Test
    void concurrentOrdersAreEachAllOrNothingAndNeverOversell() throws Exception {
        List<UUID> products = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UUID> warehouses = List.of(UUID.randomUUID(), UUID.randomUUID());
        for (UUID product : products) {
            for (UUID warehouse : warehouses) {
                assertThat(client.receive(product, warehouse, UNITS_PER_SKU).status()).isEqualTo(200);
            }
        }
        Random random = new Random(SEED);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            List<Map<String, Object>> lines = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int line = 0; line < count; line++) {
                // products drawn with repetition: an order may name the same product on two lines
                lines.add(OrderTest.line("l" + line, products.get(random.nextInt(products.size())),
                        1 + random.nextInt(3)));
            }
            List<UUID> preference = random.nextBoolean() ? warehouses : warehouses.reversed();
            orders.add(OrderTest.order("race-" + i + "-" + UUID.randomUUID(), LedgerClient.key(), preference, lines));
        }
        Map<Integer, Response> answers = new ConcurrentHashMap<>();

        Map<Integer, Long> byStatus = Concurrently.tally(ORDERS, i -> {
            Response answer = client.post("/v1/orders/reserve", orders.get(i));
            answers.put(i, answer);
            return answer.status();
        });

        String replay = "seed " + SEED + ": " + byStatus;
        assertThat(byStatus.keySet()).as(replay).isSubsetOf(200, 409);
        assertThat(byStatus.get(200)).as("some orders fit: " + replay).isPositive();
        assertThat(byStatus.get(409)).as("the stock is scarce: " + replay).isPositive();
        Map<String, Long> reservedBySku = new HashMap<>();
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            Response answer = answers.get(i);
            String orderId = (String) orders.get(i).get("order_id");
            if (answer.status() == 409) {
                assertThat(answer.text("code")).isEqualTo("INSUFFICIENT_STOCK");
                assertThat(eventsOf(orderId)).as("a refused order leaves nothing: " + orderId).isZero();
                continue;
            }
            accepted.add(orderId);
            for (JsonNode line : answer.body().path("lines")) {
                int allocated = 0;
                for (JsonNode allocation : line.path("allocations")) {
                    allocated += allocation.path("quantity").asInt();
                    reservedBySku.merge(line.path("product_id").asText() + ":"
                            + allocation.path("warehouse_id").asText(), allocation.path("quantity").asLong(), Long::sum);
                }
                assertThat(allocated).as("every line whole: " + orderId).isEqualTo(line.path("quantity").asInt());
            }
        }
        for (UUID product : products) {
            for (UUID warehouse : warehouses) {
                long expected = reservedBySku.getOrDefault(product + ":" + warehouse, 0L);
                assertThat(expected).as("never more than there is").isLessThanOrEqualTo(UNITS_PER_SKU);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(client.stock(product, warehouse).number("reserved")).as(replay).isEqualTo(expected));
            }
        }

        Map<Integer, Long> settled = Concurrently.tally(accepted.size(), i -> client.post("/v1/orders/"
                + accepted.get(i) + (i % 2 == 0 ? "/confirm" : "/release"), Map.of()).status());
        assertThat(settled).containsOnlyKeys(200);
        long confirmedUnits = 0;
        for (int i = 0; i < accepted.size(); i += 2) {
            for (JsonNode line : client.post("/v1/orders/" + accepted.get(i) + "/confirm", Map.of()).body()
                    .path("lines")) {
                confirmedUnits += line.path("quantity").asLong();
            }
        }
        long expectedOnHand = (long) UNITS_PER_SKU * products.size() * warehouses.size() - confirmedUnits;
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            long onHand = 0;
            long reserved = 0;
            for (UUID product : products) {
                for (UUID warehouse : warehouses) {
                    onHand += client.stock(product, warehouse).number("on_hand");
                    reserved += client.stock(product, warehouse).number("reserved");
                }
            }
            assertThat(onHand).isEqualTo(expectedOnHand);
            assertThat(reserved).isZero();
        });
    }

    private long eventsOf(String orderId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                 WHERE convert_from(payload, 'UTF8')::jsonb ->> 'order_id' = ?""", Long.class, orderId);
    }
}
