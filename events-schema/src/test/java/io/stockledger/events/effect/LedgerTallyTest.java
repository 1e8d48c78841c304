package io.stockledger.events.effect;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LotQuantity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static io.stockledger.events.effect.Sku.AT;
import static io.stockledger.events.effect.Sku.COST;
import static io.stockledger.events.effect.Sku.lot;
import static org.assertj.core.api.Assertions.assertThat;

/** The fold of a ledger's events: one test per rule of {@link LedgerTally}. */
class LedgerTallyTest {

    private static final LocalDate EXPIRY = LocalDate.parse("2026-06-30");

    private final LedgerTally tally = new LedgerTally();
    private final UUID first = UUID.randomUUID();
    private final UUID second = UUID.randomUUID();

    private void apply(LedgerEvent... events) {
        for (LedgerEvent event : events) {
            tally.apply(event);
        }
    }

    @Test
    void onHandAndReservedAreTheSumsOfTheEventsEffects() {
        apply(Sku.received(100, "L1", null, null),
                Sku.requested(first, 10, lot("L1", 10)),
                Sku.confirmed(first, 10, lot("L1", 10)),
                Sku.requested(second, 5, lot("L1", 5)),
                Sku.released(second, 5, lot("L1", 5)),
                Sku.requested(UUID.randomUUID(), 7, lot("L1", 7)),
                Sku.adjusted(-2, lot("L1", 2)),
                Sku.shipped(UUID.randomUUID(), 8, Sku.shippedLot("L1", 8, null, null)));

        assertThat(tally.onHand()).isEqualTo(100 - 10 - 2 - 8);
        assertThat(tally.reserved()).isEqualTo(7);
        assertThat(tally.events()).isEqualTo(8);
    }

    @Test
    void theLotsAddUpToOnHandAndReserved() {
        apply(Sku.received(10, "L1", null, null), Sku.received(3, "L2", EXPIRY, null),
                Sku.requested(first, 8, lot("L1", 5), lot("L2", 3)),
                Sku.confirmed(first, 8, lot("L1", 5), lot("L2", 3)),
                Sku.requested(second, 4, lot("L1", 4)),
                Sku.adjusted(1, lot("L3", 1)));

        assertThat(tally.lots()).extracting(LotBalance::batchNumber).containsExactly("L1", "L2", "L3");
        assertThat(tally.lots().stream().mapToLong(LotBalance::quantity).sum()).isEqualTo(tally.onHand())
                .isEqualTo(10 + 3 - 8 + 1);
        assertThat(tally.lots().stream().mapToLong(LotBalance::reserved).sum()).isEqualTo(tally.reserved())
                .isEqualTo(4);
        assertThat(tally.lot("L2").orElseThrow().quantity()).as("depleted, still known").isZero();
    }

    @Test
    void anExpiredLotIsBlockedFromTheDayAfterItsExpiryDateOn() {
        apply(Sku.received(10, "L1", EXPIRY, null), Sku.received(5, "L2", null, null));

        assertThat(tally.blockedOn(EXPIRY)).as("usable through its expiry date").isZero();
        assertThat(tally.blockedOn(EXPIRY.plusDays(1))).isEqualTo(10);
        assertThat(tally.blockedAt(Instant.parse("2026-06-30T23:59:59.999Z"))).isZero();
        assertThat(tally.blockedAt(Instant.parse("2026-07-01T00:00:00Z"))).as("the date is UTC's").isEqualTo(10);
        assertThat(tally.lot("L1").orElseThrow().expiredOn(EXPIRY.plusDays(1))).isTrue();
    }

    @Test
    void aQuarantinedLotsUnreservedUnitsAreBlockedUntilItIsReleased() {
        apply(Sku.received(10, "L1", null, null), Sku.received(4, "L2", null, null),
                Sku.requested(first, 3, lot("L1", 3)),
                Sku.quarantined("L1", 10));

        assertThat(tally.blockedOn(AT.atZone(java.time.ZoneOffset.UTC).toLocalDate()))
                .as("its reserved units stay reserved, not blocked").isEqualTo(7);
        assertThat(tally.lot("L1").orElseThrow().quarantineReason()).isEqualTo("recall");
        assertThat(tally.availableAt(AT)).isEqualTo(14 - 3 - 7);

        apply(Sku.unquarantined("L1", 10));
        assertThat(tally.blockedAt(AT)).isZero();
        assertThat(tally.lot("L1").orElseThrow().quarantined()).isFalse();
        assertThat(tally.availableAt(AT)).isEqualTo(11);
    }

    @Test
    void availableIsOnHandLessReservedLessBlocked() {
        apply(Sku.received(20, "L1", EXPIRY, null), Sku.received(5, "L2", null, null),
                Sku.requested(first, 6, lot("L1", 6)));
        Instant afterExpiry = EXPIRY.plusDays(3).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();

        assertThat(tally.availableAt(AT)).isEqualTo(25 - 6);
        assertThat(tally.blockedAt(afterExpiry)).isEqualTo(14);
        assertThat(tally.availableAt(afterExpiry)).isEqualTo(25 - 6 - 14);
    }

    @Test
    void aLotKeepsTheAttributesOfItsFirstArrival() {
        apply(Sku.received(10, "L1", EXPIRY, "A-01"),
                Sku.received(5, "L1", null, "Z-99"),
                Sku.transferReturned(UUID.randomUUID(), 2, Sku.shippedLot("L1", 2, EXPIRY, "B-02")));

        LotBalance lot = tally.lot("L1").orElseThrow();
        assertThat(lot.quantity()).isEqualTo(17);
        assertThat(lot.expiryDate()).isEqualTo(EXPIRY);
        assertThat(lot.location()).isEqualTo("A-01");
        assertThat(lot.unitCost()).isEqualTo(COST);
        assertThat(lot.receivedAt()).isEqualTo(AT);
    }

    @Test
    void aConfirmationGivesBackWhatItsReservationHeldEvenWhenItConsumedAnotherLot() {
        apply(Sku.received(10, "L1", null, null), Sku.received(10, "L2", null, null),
                Sku.requested(first, 4, lot("L1", 4)),
                Sku.quarantined("L1", 10),
                Sku.confirmed(first, 4, lot("L2", 4)));

        assertThat(tally.lot("L1").orElseThrow()).extracting(LotBalance::quantity, LotBalance::reserved)
                .containsExactly(10L, 0L);
        assertThat(tally.lot("L2").orElseThrow()).extracting(LotBalance::quantity, LotBalance::reserved)
                .containsExactly(6L, 0L);
        assertThat(tally.reserved()).isZero();
    }

    @Test
    void eventsFromBeforeLotsCountInTheDefaultLot() {
        apply(Sku.receivedBeforeLots(10), Sku.requestedBeforeLots(first, 4), Sku.confirmedBeforeLots(first, 4));

        assertThat(tally.lots()).singleElement().satisfies(lot -> {
            assertThat(lot.batchNumber()).isEqualTo(LotQuantity.DEFAULT_BATCH);
            assertThat(lot.quantity()).isEqualTo(6);
            assertThat(lot.reserved()).isZero();
        });
    }

    @Test
    void aLotAHistoryNamesWithoutEverReceivingIntoItStillCounts() {
        apply(Sku.received(5, "L1", null, null), Sku.adjusted(-2, lot("GHOST", 2)));

        assertThat(tally.lot("GHOST").orElseThrow().quantity()).isEqualTo(-2);
        assertThat(tally.lots().stream().mapToLong(LotBalance::quantity).sum()).isEqualTo(tally.onHand());
    }
}
