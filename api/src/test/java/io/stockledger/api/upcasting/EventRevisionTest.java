package io.stockledger.api.upcasting;

import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.StockedSku;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are stored with their contract version as payload revision, and events stored before revisions were
 * recorded are upcast to revision 1 on read, so the ledger, the projections and the relay still load them.
 */
class EventRevisionTest extends ServiceIntegrationTest {

    @Autowired
    @Qualifier("stockLedgerCache")
    private Cache ledgers;

    @Autowired
    private EventStore eventStore;

    @Test
    void eventsAreStoredWithTheirContractVersionAsRevision() {
        StockedSku sku = client.stockNewSku(5);
        client.reserve(sku, 1);

        assertThat(jdbc.queryForList("SELECT DISTINCT payload_revision FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ?", String.class, sku.ledgerId()))
                .containsExactly("1");
    }

    @Test
    void eventsStoredWithoutARevisionAreUpcastToVersionOneAndStillLoad() {
        StockedSku sku = client.stockNewSku(5);
        String reservation = client.reserve(sku, 2).text("reservation_id");
        // what a store written before revisions were recorded looks like
        assertThat(jdbc.update("UPDATE domain_event_entry SET payload_revision = NULL WHERE aggregate_identifier = ?",
                sku.ledgerId())).isEqualTo(2);
        jdbc.update("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ?", sku.ledgerId());
        ledgers.removeAll();

        assertThat(eventStore.readEvents(sku.ledgerId()).asStream()
                .map(event -> event.getPayload().getClass().getSimpleName()))
                .containsExactly("StockReceived", "ReservationRequested");
        assertThat(client.confirm(reservation).text("status")).as("the cold ledger knows the old reservation")
                .isEqualTo("CONFIRMED");
        assertThat(client.reserve(sku, 4).status())
                .as("3 left after shipping 2 of 5").isEqualTo(409);
    }
}
