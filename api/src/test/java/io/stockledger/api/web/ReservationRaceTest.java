package io.stockledger.api.web;

import io.stockledger.api.support.Concurrently;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Many checkouts racing for the last units of one SKU: exactly the stock is sold, everyone else gets a 409. */
class ReservationRaceTest extends ServiceIntegrationTest {

    @Test
    void twoHundredClientsRaceForAHundredUnits() throws Exception {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        assertThat(client.receive(product, warehouse, 100).status()).isEqualTo(200);

        Map<Integer, Long> byStatus = Concurrently.tally(200,
                i -> client.reserve(product, warehouse, 1, LedgerClient.key()).status());

        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(200, 100L, 409, 100L));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            LedgerClient.Response stock = client.stock(product, warehouse);
            assertThat(stock.number("on_hand")).isEqualTo(100);
            assertThat(stock.number("reserved")).isEqualTo(100);
            assertThat(stock.number("available")).isZero();
        });
        assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                product + ":" + warehouse)).as("one receipt and exactly 100 reservations").isEqualTo(101);
    }
}
