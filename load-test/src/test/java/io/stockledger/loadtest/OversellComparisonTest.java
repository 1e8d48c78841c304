package io.stockledger.loadtest;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.stockledger.loadtest.LedgerReplayTest.event;
import static io.stockledger.loadtest.LedgerReplayTest.reservation;
import static org.assertj.core.api.Assertions.assertThat;

/** What clients were told, held against a ledger's history: {@link OversellCheck#compare}. */
class OversellComparisonTest {

    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();
    private final SkuObservations client = new SkuObservations(UUID.randomUUID());
    private final LedgerReplay ledger = new LedgerReplay();

    @Test
    void clientsAndLedgerThatAgreePass() {
        history();
        clientsToldTheWholeHistory();
        client.reserveAnswered(409, null, 4);

        assertThat(OversellCheck.compare(client, ledger)).isEmpty();
    }

    @Test
    void aTwoHundredForAReservationTheLedgerNeverGrantedIsFound() {
        history();
        clientsToldTheWholeHistory();
        UUID phantom = UUID.randomUUID();
        client.reserveAnswered(200, phantom, 1);

        assertThat(OversellCheck.compare(client, ledger)).singleElement().asString()
                .contains("a client got a 200 for reservation " + phantom, "not in the event store");
    }

    @Test
    void moreUnitsConfirmedToClientsThanEverArrivedIsAnOversell() {
        ledger.apply(event(0, "StockReceived", "{\"quantity\":2}"));
        ledger.apply(event(1, "ReservationRequested", reservation(first, 3)));
        ledger.apply(event(2, "ReservationConfirmed", reservation(first, 3)));
        client.receiveAnswered(200, 2);
        client.reserveAnswered(200, first, 3);
        client.confirmAnswered(200, first);

        assertThat(OversellCheck.compare(client, ledger)).anySatisfy(failure -> assertThat(failure)
                .startsWith("OVERSOLD: clients were told 3 units are confirmed; only 2 ever arrived"));
        assertThat(ledger.anomalies()).anySatisfy(anomaly -> assertThat(anomaly).startsWith("OVERSOLD"));
    }

    @Test
    void ledgerReservationsNoClientWasGrantedAreExplainedOnlyByRequestsWithoutAnAnswer() {
        history();
        clientsToldOfTheFirstReservation();
        // the second reservation's 200 never reached the client

        assertThat(OversellCheck.compare(client, ledger)).anySatisfy(failure -> assertThat(failure)
                .contains("1 reservations in the ledger were granted to no client"));

        client.reserveAnswered(0, null, 2);
        assertThat(OversellCheck.compare(client, ledger)).noneSatisfy(failure -> assertThat(failure)
                .contains("granted to no client"));
    }

    @Test
    void aClientToldOfAConfirmationTheLedgerDoesNotHoldIsFound() {
        history();
        clientsToldOfTheFirstReservation();
        client.reserveAnswered(200, second, 2);
        client.confirmAnswered(200, second);

        assertThat(OversellCheck.compare(client, ledger)).anySatisfy(failure -> assertThat(failure)
                .contains("reservation " + second + " is confirmed; the ledger says RELEASED"));
    }

    /** 5 received; the first reservation (3) confirmed, the second (2) released. */
    private void history() {
        ledger.apply(event(0, "StockReceived", "{\"quantity\":5}"));
        ledger.apply(event(1, "ReservationRequested", reservation(first, 3)));
        ledger.apply(event(2, "ReservationConfirmed", reservation(first, 3)));
        ledger.apply(event(3, "ReservationRequested", reservation(second, 2)));
        ledger.apply(event(4, "ReservationReleased", reservation(second, 2)));
    }

    /** The 200s a client got for the receipt and the first reservation of {@link #history()}. */
    private void clientsToldOfTheFirstReservation() {
        client.receiveAnswered(200, 5);
        client.reserveAnswered(200, first, 3);
        client.confirmAnswered(200, first);
    }

    /** The 200s a client got for every request of {@link #history()}. */
    private void clientsToldTheWholeHistory() {
        clientsToldOfTheFirstReservation();
        client.reserveAnswered(200, second, 2);
        client.releaseAnswered(200, second);
    }
}
