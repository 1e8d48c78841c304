package io.stockledger.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The oversell check's own fold of a ledger's history, on histories written by hand. */
class LedgerReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final UUID third = UUID.randomUUID();

    @Test
    void aCorrectHistoryFoldsToTheBalanceRuleWithoutFindings() {
        LedgerReplay ledger = replay(
                event(0, "StockReceived", "{\"quantity\":10}"),
                event(1, "ReservationRequested", reservation(first, 4)),
                event(2, "ReservationRequested", reservation(second, 6)),
                event(3, "ReservationConfirmed", reservation(first, 4)),
                event(4, "ReservationExpired", reservation(second, 6)),
                event(5, "StockAdjusted", "{\"quantity\":-1,\"reason\":\"DAMAGE\"}"),
                event(6, "ReservationRequested", reservation(third, 5)));

        assertThat(ledger.anomalies()).isEmpty();
        assertThat(ledger.expectedOnHand()).isEqualTo(10 - 4 - 1);
        assertThat(ledger.expectedReserved()).isEqualTo(5);
        assertThat(ledger.reservations().get(first).status()).isEqualTo(LedgerReplay.Status.CONFIRMED);
        assertThat(ledger.reservations().get(second).status()).isEqualTo(LedgerReplay.Status.EXPIRED);
        assertThat(ledger.count(LedgerReplay.Status.PENDING)).isEqualTo(1);
        assertThat(ledger.lastSequence()).isEqualTo(6);
    }

    @Test
    void aReservationBeyondWhatIsOnHandIsAnOversellAtThatEvent() {
        LedgerReplay ledger = replay(
                event(0, "StockReceived", "{\"quantity\":5}"),
                event(1, "ReservationRequested", reservation(first, 3)),
                event(2, "ReservationRequested", reservation(second, 3)));

        assertThat(ledger.anomalies()).singleElement().asString()
                .startsWith("OVERSOLD after sequence 2").contains("on hand 5, reserved 6");
    }

    @Test
    void settlingAReservationThatIsNotPendingIsFound() {
        LedgerReplay ledger = replay(
                event(0, "StockReceived", "{\"quantity\":5}"),
                event(1, "ReservationRequested", reservation(first, 2)),
                event(2, "ReservationReleased", reservation(first, 2)),
                event(3, "ReservationConfirmed", reservation(first, 2)),
                event(4, "ReservationConfirmed", reservation(second, 1)));

        assertThat(ledger.anomalies()).hasSize(2);
        assertThat(ledger.anomalies().get(0)).contains("CONFIRMED of reservation " + first + " which is RELEASED");
        assertThat(ledger.anomalies().get(1)).contains(second + " which is unknown");
        assertThat(ledger.expectedOnHand()).isEqualTo(5);
    }

    @Test
    void aGapInTheSequenceAndAnUnknownEventTypeAreFound() {
        LedgerReplay ledger = replay(
                event(0, "StockReceived", "{\"quantity\":5}"),
                event(2, "StockReceived", "{\"quantity\":5}"),
                event(3, "StockTeleported", "{\"quantity\":5}"));

        assertThat(ledger.anomalies()).hasSize(2);
        assertThat(ledger.anomalies().get(0)).contains("sequence 2 follows 0");
        assertThat(ledger.anomalies().get(1)).contains("'StockTeleported' is unknown");
    }

    @Test
    void transfersMoveOnHandAndLotEventsMoveNothing() {
        LedgerReplay ledger = replay(
                event(0, "StockReceived", "{\"quantity\":10}"),
                event(1, "LotQuarantined", "{\"batch_number\":\"L1\",\"quantity\":10}"),
                event(2, "LotUnquarantined", "{\"batch_number\":\"L1\",\"quantity\":10}"),
                event(3, "PickingPolicyChanged", "{\"policy\":\"FIFO\"}"),
                event(4, "TransferShipped", "{\"quantity\":6}"),
                event(5, "TransferReturned", "{\"quantity\":6}"),
                event(6, "TransferShipped", "{\"quantity\":4}"),
                event(7, "TransferReceived", "{\"quantity\":1}"));

        assertThat(ledger.anomalies()).isEmpty();
        assertThat(ledger.expectedOnHand()).isEqualTo(10 - 6 + 6 - 4 + 1);
        assertThat(ledger.transferred()).isEqualTo(-3);
    }

    @Test
    void eventsMayArriveInSeveralPages() {
        LedgerReplay ledger = new LedgerReplay();
        ledger.applyAll(JSON.createArrayNode().add(event(0, "StockReceived", "{\"quantity\":5}")));
        ledger.applyAll(JSON.createArrayNode().add(event(1, "ReservationRequested", reservation(first, 5))));

        assertThat(ledger.anomalies()).isEmpty();
        assertThat(ledger.events()).isEqualTo(2);
        assertThat(ledger.expectedReserved()).isEqualTo(5);
    }

    private static LedgerReplay replay(JsonNode... events) {
        LedgerReplay ledger = new LedgerReplay();
        for (JsonNode event : events) {
            ledger.apply(event);
        }
        return ledger;
    }

    static JsonNode event(long sequence, String type, String payload) {
        try {
            return JSON.readTree("{\"sequence_number\":%d,\"event_type\":\"%s\",\"payload\":%s}"
                    .formatted(sequence, type, payload));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String reservation(UUID id, int quantity) {
        return "{\"reservation_id\":\"%s\",\"quantity\":%d}".formatted(id, quantity);
    }
}
