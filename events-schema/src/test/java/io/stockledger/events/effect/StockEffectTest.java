package io.stockledger.events.effect;

import io.stockledger.events.EventTypes;
import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LotQuantity;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.stockledger.events.effect.Sku.AT;
import static io.stockledger.events.effect.Sku.COST;
import static io.stockledger.events.effect.Sku.lot;
import static org.assertj.core.api.Assertions.assertThat;

/** What each event does to a ledger: one test per rule of {@link StockEffect}. */
class StockEffectTest {

    private static final LocalDate EXPIRY = LocalDate.parse("2026-06-30");
    private static final HeldLots NOTHING_KNOWN = reservation -> null;

    private final UUID reservation = UUID.randomUUID();

    @Test
    void aReceiptAddsToOnHandAndOpensItsLotWithTheReceiptsAttributes() {
        StockEffect effect = StockEffect.of(Sku.received(12, "L1", EXPIRY, "A-01"));

        assertThat(effect.type()).isEqualTo(MovementType.RECEIPT);
        assertThat(effect.onHandDelta()).isEqualTo(12);
        assertThat(effect.reservedDelta()).isZero();
        assertThat(effect.reservationId()).isNull();
        assertThat(effect.lots()).containsExactly(lot("L1", 12));
        assertThat(effect.lotChanges(NOTHING_KNOWN))
                .containsExactly(new LotChange.Arrival("L1", 12, EXPIRY, "A-01", COST, AT));
    }

    @Test
    void aReceiptWithoutABatchNumberGoesToTheDefaultLot() {
        StockEffect effect = StockEffect.of(Sku.receivedBeforeLots(5));

        assertThat(effect.lots()).containsExactly(lot(LotQuantity.DEFAULT_BATCH, 5));
        assertThat(effect.lotChanges(NOTHING_KNOWN))
                .containsExactly(new LotChange.Arrival(LotQuantity.DEFAULT_BATCH, 5, null, null, null, AT));
    }

    @Test
    void anAdjustmentUpAddsToOnHandAndItsFoundUnitsArriveInTheListedLots() {
        StockEffect effect = StockEffect.of(Sku.adjusted(4, lot("L1", 4)));

        assertThat(effect.type()).isEqualTo(MovementType.ADJUSTMENT);
        assertThat(effect.onHandDelta()).isEqualTo(4);
        assertThat(effect.lotChanges(NOTHING_KNOWN))
                .as("a lot opened by found units has no expiry, location or cost")
                .containsExactly(new LotChange.Arrival("L1", 4, null, null, null, AT));
    }

    @Test
    void anAdjustmentDownTakesFromOnHandAndFromTheListedLots() {
        StockEffect effect = StockEffect.of(Sku.adjusted(-3, lot("L1", 2), lot("L2", 1)));

        assertThat(effect.onHandDelta()).isEqualTo(-3);
        assertThat(effect.lots()).as("positive amounts").containsExactly(lot("L1", 2), lot("L2", 1));
        assertThat(effect.lotChanges(NOTHING_KNOWN))
                .containsExactly(new LotChange.Delta("L1", -2, 0), new LotChange.Delta("L2", -1, 0));
    }

    @Test
    void anAdjustmentFromBeforeLotsCountsInTheDefaultLot() {
        StockEffect down = StockEffect.of(Sku.adjustedBeforeLots(-2));

        assertThat(down.lots()).containsExactly(lot(LotQuantity.DEFAULT_BATCH, 2));
        assertThat(down.lotChanges(NOTHING_KNOWN)).containsExactly(new LotChange.Delta("DEFAULT", -2, 0));
    }

    @Test
    void aReservationRequestReservesItsQuantityAndStartsHoldingItsLots() {
        StockEffect effect = StockEffect.of(Sku.requested(reservation, 5, lot("L1", 3), lot("L2", 2)));

        assertThat(effect.type()).isEqualTo(MovementType.RESERVATION);
        assertThat(effect.onHandDelta()).isZero();
        assertThat(effect.reservedDelta()).isEqualTo(5);
        assertThat(effect.reservationId()).isEqualTo(reservation);
        assertThat(effect.startsHold()).isTrue();
        assertThat(effect.endsHold()).isFalse();
        assertThat(effect.lots()).as("the lots it holds").containsExactly(lot("L1", 3), lot("L2", 2));
        assertThat(effect.lotChanges(NOTHING_KNOWN))
                .containsExactly(new LotChange.Delta("L1", 0, 3), new LotChange.Delta("L2", 0, 2));
    }

    @Test
    void aConfirmationShipsItsQuantityGivingBackTheHeldLotsAndTakingTheConsumedOnes() {
        StockEffect effect = StockEffect.of(Sku.confirmed(reservation, 5, lot("L1", 3), lot("L2", 2)));
        HeldLots held = id -> id.equals(reservation) ? List.of(lot("L1", 3), lot("L2", 2)) : null;

        assertThat(effect.type()).isEqualTo(MovementType.SHIPMENT);
        assertThat(effect.onHandDelta()).isEqualTo(-5);
        assertThat(effect.reservedDelta()).isEqualTo(-5);
        assertThat(effect.endsHold()).isTrue();
        assertThat(effect.givesBackHeldLots()).as("asks what its reservation held").isTrue();
        assertThat(effect.lots()).as("the lots it consumed").containsExactly(lot("L1", 3), lot("L2", 2));
        assertThat(effect.lotChanges(held)).as("one change per lot")
                .containsExactly(new LotChange.Delta("L1", -3, -3), new LotChange.Delta("L2", -2, -2));
    }

    @Test
    void aConfirmationThatStoodInForABlockedLotGivesBackTheHeldLotAndTakesFromTheStandIn() {
        StockEffect effect = StockEffect.of(Sku.confirmed(reservation, 4, lot("L2", 4)));

        assertThat(effect.lotChanges(id -> List.of(lot("L1", 4))))
                .containsExactly(new LotChange.Delta("L1", 0, -4), new LotChange.Delta("L2", -4, 0));
    }

    @Test
    void aConfirmationWhoseHeldLotsAreUnknownGivesBackFromTheDefaultLot() {
        StockEffect effect = StockEffect.of(Sku.confirmedBeforeLots(reservation, 3));

        assertThat(effect.lotChanges(NOTHING_KNOWN)).containsExactly(new LotChange.Delta("DEFAULT", -3, -3));
    }

    @Test
    void aReleaseAndAnExpiryGiveBackReservedUnitsInTheirLotsAndEndTheHold() {
        StockEffect released = StockEffect.of(Sku.released(reservation, 3, lot("L1", 3)));
        StockEffect expired = StockEffect.of(Sku.expired(reservation, 2, lot("L2", 2)));

        assertThat(released.type()).isEqualTo(MovementType.RELEASE);
        assertThat(expired.type()).isEqualTo(MovementType.EXPIRY);
        for (StockEffect effect : List.of(released, expired)) {
            assertThat(effect.onHandDelta()).isZero();
            assertThat(effect.reservedDelta()).isEqualTo(-effect.lots().getFirst().quantity());
            assertThat(effect.reservationId()).isEqualTo(reservation);
            assertThat(effect.endsHold()).isTrue();
            assertThat(effect.givesBackHeldLots()).as("names the lots it gives back itself").isFalse();
        }
        assertThat(released.lotChanges(NOTHING_KNOWN)).containsExactly(new LotChange.Delta("L1", 0, -3));
        assertThat(expired.lotChanges(NOTHING_KNOWN)).containsExactly(new LotChange.Delta("L2", 0, -2));
    }

    @Test
    void aQuarantineMovesNoUnitsAndMarksTheLotWithItsReasonWhichALiftClears() {
        StockEffect quarantined = StockEffect.of(Sku.quarantined("L1", 7));
        StockEffect lifted = StockEffect.of(Sku.unquarantined("L1", 7));

        assertThat(quarantined.type()).isEqualTo(MovementType.QUARANTINE);
        assertThat(lifted.type()).isEqualTo(MovementType.UNQUARANTINE);
        for (StockEffect effect : List.of(quarantined, lifted)) {
            assertThat(effect.onHandDelta()).isZero();
            assertThat(effect.reservedDelta()).isZero();
            assertThat(effect.lots()).as("the lot's units then").containsExactly(lot("L1", 7));
        }
        assertThat(quarantined.lotChanges(NOTHING_KNOWN)).containsExactly(new LotChange.Quarantine("L1", "recall"));
        assertThat(lifted.lotChanges(NOTHING_KNOWN)).containsExactly(new LotChange.Quarantine("L1", null));
        assertThat(((LotChange.Quarantine) lifted.lotChanges(NOTHING_KNOWN).getFirst()).quarantined()).isFalse();
    }

    @Test
    void aPickingPolicyChangeMovesNothingAndNamesNoLot() {
        StockEffect effect = StockEffect.of(Sku.policy("FIFO"));

        assertThat(effect.type()).isEqualTo(MovementType.POLICY_CHANGE);
        assertThat(effect.onHandDelta()).isZero();
        assertThat(effect.reservedDelta()).isZero();
        assertThat(effect.lots()).isNull();
        assertThat(effect.lotChanges(NOTHING_KNOWN)).isEmpty();
    }

    @Test
    void aShipmentToAnotherWarehouseTakesOnHandFromItsLots() {
        StockEffect effect = StockEffect.of(Sku.shipped(UUID.randomUUID(), 6,
                Sku.shippedLot("L1", 4, EXPIRY, "A-01"), Sku.shippedLot("L2", 2, null, "B-02")));

        assertThat(effect.type()).isEqualTo(MovementType.TRANSFER_OUT);
        assertThat(effect.onHandDelta()).isEqualTo(-6);
        assertThat(effect.reservedDelta()).isZero();
        assertThat(effect.lots()).containsExactly(lot("L1", 4), lot("L2", 2));
        assertThat(effect.lotChanges(NOTHING_KNOWN))
                .containsExactly(new LotChange.Delta("L1", -4, 0), new LotChange.Delta("L2", -2, 0));
    }

    @Test
    void aTransferArrivingOrComingBackOpensItsLotsWithTheSourcesAttributes() {
        StockEffect received = StockEffect.of(Sku.transferReceived(UUID.randomUUID(), 4,
                Sku.shippedLot("L1", 4, EXPIRY, "A-01")));
        StockEffect returned = StockEffect.of(Sku.transferReturned(UUID.randomUUID(), 4,
                Sku.shippedLot("L1", 4, EXPIRY, "A-01")));

        assertThat(received.type()).isEqualTo(MovementType.TRANSFER_IN);
        assertThat(returned.type()).isEqualTo(MovementType.TRANSFER_RETURN);
        for (StockEffect effect : List.of(received, returned)) {
            assertThat(effect.onHandDelta()).isEqualTo(4);
            assertThat(effect.lots()).containsExactly(lot("L1", 4));
            assertThat(effect.lotChanges(NOTHING_KNOWN))
                    .containsExactly(new LotChange.Arrival("L1", 4, EXPIRY, "A-01", COST, AT));
        }
    }

    @Test
    void anEventNamingTheSameLotTwiceChangesItOnce() {
        StockEffect down = StockEffect.of(Sku.adjusted(-3, lot("L1", 1), lot("L1", 2)));
        StockEffect arriving = StockEffect.of(Sku.transferReceived(UUID.randomUUID(), 5,
                Sku.shippedLot("L1", 2, EXPIRY, "A-01"), Sku.shippedLot("L1", 3, EXPIRY, "A-02")));

        assertThat(down.lotChanges(NOTHING_KNOWN)).containsExactly(new LotChange.Delta("L1", -3, 0));
        assertThat(arriving.lotChanges(NOTHING_KNOWN)).as("the first entry's attributes")
                .containsExactly(new LotChange.Arrival("L1", 5, EXPIRY, "A-01", COST, AT));
    }

    @Test
    void everyEventTypeIsItsOwnKindOfMovement() {
        List<LedgerEvent> oneOfEach = List.of(Sku.received(1, "L1", null, null), Sku.adjusted(1, lot("L1", 1)),
                Sku.requested(reservation, 1, lot("L1", 1)), Sku.confirmed(reservation, 1, lot("L1", 1)),
                Sku.released(reservation, 1, lot("L1", 1)), Sku.expired(reservation, 1, lot("L1", 1)),
                Sku.quarantined("L1", 1), Sku.unquarantined("L1", 1), Sku.policy("FEFO"),
                Sku.shipped(UUID.randomUUID(), 1, Sku.shippedLot("L1", 1, null, null)),
                Sku.transferReceived(UUID.randomUUID(), 1, Sku.shippedLot("L1", 1, null, null)),
                Sku.transferReturned(UUID.randomUUID(), 1, Sku.shippedLot("L1", 1, null, null)));
        Map<MovementType, Class<?>> typeOf = oneOfEach.stream()
                .collect(Collectors.toMap(event -> StockEffect.of(event).type(), LedgerEvent::getClass));

        assertThat(typeOf.values()).as("the sample covers every event type")
                .containsExactlyInAnyOrderElementsOf(EventTypes.all());
        assertThat(typeOf.keySet()).containsExactlyInAnyOrder(MovementType.values());
    }
}
