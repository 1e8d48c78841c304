package io.stockledger.api.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockledger.api.support.Concurrently;
import io.stockledger.api.support.StockedSku;
import io.stockledger.api.support.TwoInstanceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances share one database and both serve the same hot SKU, each with its own warm aggregate cache.
 * Every append that loses to the other instance is a concurrency conflict, retried against fresh state: exactly the
 * stock is sold, the ledger's sequence has no gap, and the race counter shows the retries happened.
 */
class TwoInstancesRaceTest extends TwoInstanceIntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void clientsOfTwoInstancesRaceForTheLastUnits() throws Exception {
        StockedSku sku = client.stockNewSku(100);
        // warm both caches with the same state, so that every interleaving is a real conflict
        assertThat(secondClient.reserve(sku, 1).status()).isEqualTo(200);
        assertThat(client.reserve(sku, 1).status()).isEqualTo(200);

        Map<Integer, Long> byStatus = Concurrently.tally(200, i -> (i % 2 == 0 ? client : secondClient)
                .reserve(sku, 1).status());

        assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(200, 98L, 409, 102L));
        List<Long> sequences = jdbc.queryForList("""
                SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
                 ORDER BY sequence_number""", Long.class, sku.ledgerId());
        assertThat(sequences).hasSize(101);
        assertThat(sequences.get(100)).as("no gap, no duplicate").isEqualTo(100L);
        double retries = meters.counter("inventory.race.conditions").count()
                + secondInstance.context().getBean(MeterRegistry.class).counter("inventory.race.conditions").count();
        assertThat(retries).as("appends lost to the other instance and retried").isPositive();
    }
}
