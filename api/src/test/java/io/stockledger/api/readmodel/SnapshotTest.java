package io.stockledger.api.readmodel;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.StockedSku;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A busy ledger is snapshotted, and a cold load from snapshot plus newer events decides exactly as the warm one. */
@TestPropertySource(properties = {"ledger.snapshot.every-events=20", "ledger.snapshot.min-interval=0s"})
class SnapshotTest extends ServiceIntegrationTest {

    @Autowired
    @Qualifier("stockLedgerCache")
    private Cache ledgers;

    @Test
    void aColdLedgerLoadsFromItsSnapshotAndDecidesTheSame() {
        StockedSku sku = client.stockNewSku(50);
        List<String> reservations = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            reservations.add(client.reserve(sku, 1).text("reservation_id"));
        }
        for (int i = 0; i < 10; i++) {
            client.confirm(reservations.get(i));
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, sku.ledgerId()))
                .isPositive());
        String snapshot = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM snapshot_event_entry WHERE aggregate_identifier = ?
                 ORDER BY sequence_number DESC LIMIT 1""", String.class, sku.ledgerId());
        assertThat(snapshot).as("snapshots are readable JSON").contains("\"onHand\"").contains("\"reservations\"");

        ledgers.removeAll();

        // 50 received, 10 shipped, 20 still reserved: 20 available, and earlier reservations are still known
        assertThat(client.reserve(sku, 21).status()).isEqualTo(409);
        assertThat(client.confirm(reservations.get(0)).text("status")).isEqualTo("CONFIRMED");
        assertThat(client.release(reservations.get(29)).text("status")).isEqualTo("RELEASED");
        assertThat(client.reserve(sku, 21).status()).isEqualTo(200);
    }

    /**
     * A snapshot costs in proportion to the ledger's state: after one of 40 entries (19 reservations, 20 remembered
     * requests, 1 lot) the next waits for 40 events, not for the configured 20.
     */
    @Test
    void theNextSnapshotWaitsForAsManyEventsAsTheLastOneHadEntries() throws InterruptedException {
        StockedSku sku = client.stockNewSku(1_000);
        reserveOneEach(sku.product(), sku.warehouse(), 19);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastSnapshotSequence(sku.ledgerId()) == 19);

        reserveOneEach(sku.product(), sku.warehouse(), 30);
        Thread.sleep(1_500); // time enough for a snapshot to be written, had one been due
        assertThat(lastSnapshotSequence(sku.ledgerId())).as("30 events after a snapshot of 40 entries").isEqualTo(19);

        reserveOneEach(sku.product(), sku.warehouse(), 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastSnapshotSequence(sku.ledgerId()) == 59);
    }

    private void reserveOneEach(UUID product, UUID warehouse, int reservations) {
        for (int i = 0; i < reservations; i++) {
            assertThat(client.reserve(product, warehouse, 1, LedgerClient.key()).status()).isEqualTo(200);
        }
    }

    private long lastSnapshotSequence(String ledgerId) {
        Long sequence = jdbc.queryForObject(
                "SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class,
                ledgerId);
        return sequence == null ? -1 : sequence;
    }
}
