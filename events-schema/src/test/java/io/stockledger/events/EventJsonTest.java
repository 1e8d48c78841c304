package io.stockledger.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Events read back from the JSON the ledger writes, as a consumer of the history or the stream reads them. */
class EventJsonTest {

    @Test
    void everySampleEventReadsBackFromItsJsonAsTheSameRecord() {
        for (LedgerEvent event : SampleEvents.all()) {
            Class<? extends LedgerEvent> type = EventTypes.named(event.getClass().getSimpleName()).orElseThrow();

            // a JSON tree holds 12.3450 as a double: the cost comes back as 12.345, the same amount
            assertThat(EventJson.read(type, EventContract.toJson(event))).usingRecursiveComparison()
                    .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(event);
        }
    }

    @Test
    void aFieldThisVersionDoesNotKnowIsIgnored() {
        ObjectNode newer = EventContract.toJson(SampleEvents.received());
        newer.put("pallet_id", "P-0042");

        assertThat(EventJson.read(StockReceived.class, newer).eventId()).isEqualTo(SampleEvents.received().eventId());
    }

    @Test
    void aPayloadOfTheWrongShapeIsRefusedAndAnUnknownTypeNameHasNoType() {
        ObjectNode broken = EventContract.toJson(SampleEvents.received());
        broken.put("quantity", "many");

        assertThatThrownBy(() -> EventJson.read(StockReceived.class, broken))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StockReceived");
        assertThat(EventTypes.named("StockTeleported")).isEmpty();
        assertThat(EventTypes.named("ReservationConfirmed")).contains(ReservationConfirmed.class);
    }
}
