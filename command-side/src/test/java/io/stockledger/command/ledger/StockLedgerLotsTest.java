package io.stockledger.command.ledger;

import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.AdjustmentBelowReservedException;
import io.stockledger.command.api.AdjustmentReason;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.InsufficientShelfLifeException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.LotExpiryMismatchException;
import io.stockledger.command.api.LotNotFoundException;
import io.stockledger.command.api.LotStatus;
import io.stockledger.command.api.PickingPolicy;
import io.stockledger.command.api.QuarantineLot;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReceiveTransfer;
import io.stockledger.command.api.ReleaseLotFromQuarantine;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.ReservedLotUnavailableException;
import io.stockledger.command.api.ReturnTransfer;
import io.stockledger.command.api.SetPickingPolicy;
import io.stockledger.command.api.ShipTransfer;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLevels;
import io.stockledger.events.EventEnvelope;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.LotQuarantined;
import io.stockledger.events.LotUnquarantined;
import io.stockledger.events.PickingPolicyChanged;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.ShippedLot;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.events.TransferReceived;
import io.stockledger.events.TransferReturned;
import io.stockledger.events.TransferShipped;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.stockledger.command.ledger.LedgerFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

/** The lot rules, one test each: receiving into lots, picking order, shelf life, quarantine, expiry, transfers. */
class StockLedgerLotsTest extends LedgerRuleTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-27");
    private static final StockLedgerId SKU = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());
    private static final UUID OTHER_WAREHOUSE = UUID.randomUUID();
    private static final String TRACE = "trace-1";
    private static final String ACTOR = "operator";
    private static final Map<String, String> ORIGIN = Map.of(CommandOrigin.ACTOR, ACTOR, CommandOrigin.TRACE_ID, TRACE);
    private static final UUID RES = UUID.randomUUID();
    private static final UUID TRANSFER = UUID.randomUUID();


    // ---- a history: three lots received on three days, expiring in an order unlike their arrival ----

    private static StockReceived receivedLot(String batch, int quantity, LocalDate expiry, Instant at) {
        return new StockReceived(envelope(at), quantity,
                new BigDecimal("1.00"), "receive-" + batch, batch, expiry, "A-" + batch);
    }

    /** LATE (expires in 90 days) arrived first, SOON (10 days) second, NEVER (no expiry) third. */
    private static StockReceived[] threeLots() {
        return new StockReceived[] {
                receivedLot("LATE", 10, TODAY.plusDays(90), T0.minusSeconds(3 * 86_400)),
                receivedLot("SOON", 10, TODAY.plusDays(10), T0.minusSeconds(2 * 86_400)),
                receivedLot("NEVER", 10, null, T0.minusSeconds(86_400))};
    }

    private static ReservationRequested requested(UUID id, int quantity, List<LotQuantity> lots, LocalDate min) {
        return new ReservationRequested(envelope(T0), id,
                quantity, 300, T0.plusSeconds(300), "reserve-" + id, lots, min);
    }

    private static ReserveStock reserve(UUID id, int quantity) {
        return new ReserveStock(SKU, id, quantity, Duration.ofSeconds(300), "reserve-" + id);
    }

    private static List<LotQuantity> lots(Object... batchAndQuantity) {
        List<LotQuantity> lots = new java.util.ArrayList<>();
        for (int i = 0; i < batchAndQuantity.length; i += 2) {
            lots.add(new LotQuantity((String) batchAndQuantity[i], (Integer) batchAndQuantity[i + 1]));
        }
        return lots;
    }

    private static LotQuarantined quarantined(String batch) {
        return new LotQuarantined(envelope(T0), batch, "lab check", 10);
    }

    @Nested
    class Receiving {

        @Test
        void aReceiptOpensItsLotWithExpiryLocationAndCost() {
            fixture.givenNoPriorActivity()
                    .when(new ReceiveStock(SKU, 10, new BigDecimal("1.00"), "receive-SOON", "SOON", TODAY.plusDays(10),
                            "A-SOON"), ORIGIN)
                    .expectEventsMatching(events(receivedLot("SOON", 10, TODAY.plusDays(10), T0)))
                    .expectState(ledger -> assertThat(ledger.lots()).singleElement().satisfies(lot -> {
                        assertThat(lot.quantity()).isEqualTo(10);
                        assertThat(lot.expiryDate()).isEqualTo(TODAY.plusDays(10));
                        assertThat(lot.location()).isEqualTo("A-SOON");
                        assertThat(lot.receivedAt()).isEqualTo(T0);
                    }));
        }

        @Test
        void aSecondReceiptAddsToTheLotAndMayLeaveTheExpiryOut() {
            fixture.given((Object[]) threeLots())
                    .when(new ReceiveStock(SKU, 5, null, "receive-more", "SOON", null, null), ORIGIN)
                    .expectSuccessfulHandlerExecution()
                    .expectState(ledger -> {
                        assertThat(ledger.lots()).filteredOn(lot -> lot.batchNumber().equals("SOON"))
                                .singleElement().satisfies(lot -> {
                                    assertThat(lot.quantity()).isEqualTo(15);
                                    assertThat(lot.expiryDate()).isEqualTo(TODAY.plusDays(10));
                                });
                        assertThat(ledger.levels(T0)).isEqualTo(new StockLevels(35, 0, 35, 0));
                    });
        }

        @Test
        void anotherExpiryForAnExistingLotIsRefused() {
            fixture.given((Object[]) threeLots())
                    .when(new ReceiveStock(SKU, 5, null, "receive-more", "SOON", TODAY.plusDays(11), null), ORIGIN)
                    .expectNoEvents()
                    .expectException(LotExpiryMismatchException.class);
        }

        @Test
        void theDefaultLotNeverExpires() {
            fixture.givenNoPriorActivity()
                    .when(new ReceiveStock(SKU, 5, null, "receive-1", null, TODAY, null), ORIGIN)
                    .expectException(LotExpiryMismatchException.class);
        }
    }

    @Nested
    class Picking {

        @Test
        void fefoTakesTheEarliestExpiryFirstAndLotsWithoutExpiryLast() {
            fixture.given((Object[]) threeLots())
                    .when(reserve(RES, 25), ORIGIN)
                    .expectEventsMatching(events(requested(RES, 25, lots("SOON", 10, "LATE", 10, "NEVER", 5), null)));
        }

        @Test
        void fifoTakesTheEarliestReceivedFirst() {
            PickingPolicyChanged fifo = new PickingPolicyChanged(envelope(T0), "FIFO");
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2], fifo)
                    .when(reserve(RES, 15), ORIGIN)
                    .expectEventsMatching(events(requested(RES, 15, lots("LATE", 10, "SOON", 5), null)));
        }

        @Test
        void fefoBreaksAnExpiryTieByArrival() {
            fixture.given(receivedLot("B", 5, TODAY.plusDays(30), T0.minusSeconds(60)),
                            receivedLot("A", 5, TODAY.plusDays(30), T0.minusSeconds(30)))
                    .when(reserve(RES, 6), ORIGIN)
                    .expectEventsMatching(events(requested(RES, 6, lots("B", 5, "A", 1), null)));
        }

        @Test
        void settingThePolicyIsRecordedOnceAndMayOpenTheLedger() {
            fixture.givenNoPriorActivity()
                    .when(new SetPickingPolicy(SKU, PickingPolicy.FIFO), ORIGIN)
                    .expectEventsMatching(events(new PickingPolicyChanged(envelope(T0), "FIFO")))
                    .expectResultMessagePayload(PickingPolicy.FIFO);
        }

        @Test
        void settingTheSamePolicyAgainWritesNothing() {
            fixture.given(threeLots()[0])
                    .when(new SetPickingPolicy(SKU, PickingPolicy.FEFO), ORIGIN)
                    .expectNoEvents();
        }
    }

    @Nested
    class ShelfLife {

        @Test
        void onlyLotsLastingLongEnoughAreAllocated() {
            fixture.given((Object[]) threeLots())
                    .when(new ReserveStock(SKU, RES, 15, Duration.ofSeconds(300), "reserve-" + RES, null, 30),
                            ORIGIN)
                    .expectEventsMatching(events(requested(RES, 15, lots("LATE", 10, "NEVER", 5), TODAY.plusDays(30))));
        }

        @Test
        void tooFewLongLastingUnitsIsARefusalThatSaysSo() {
            fixture.given((Object[]) threeLots())
                    .when(new ReserveStock(SKU, RES, 21, Duration.ofSeconds(300), "reserve-" + RES,
                            TODAY.plusDays(30), null), ORIGIN)
                    .expectNoEvents()
                    .expectException(InsufficientShelfLifeException.class)
                    .expectExceptionMessage("requested 21 usable until at least " + TODAY.plusDays(30)
                            + " but only 20 of the 30 available are");
        }

        @Test
        void withoutEnoughStockAtAllItIsPlainlyInsufficientStock() {
            fixture.given((Object[]) threeLots())
                    .when(new ReserveStock(SKU, RES, 31, Duration.ofSeconds(300), "reserve-" + RES, null, 30),
                            ORIGIN)
                    .expectException(InsufficientStockException.class);
        }
    }

    @Nested
    class QuarantineAndExpiry {

        @Test
        void quarantinedUnitsAreBlockedAndNeverAllocated() {
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2], quarantined("SOON"))
                    .when(reserve(RES, 15), ORIGIN)
                    .expectEventsMatching(events(requested(RES, 15, lots("LATE", 10, "NEVER", 5), null)))
                    .expectState(ledger -> assertThat(ledger.levels(T0)).isEqualTo(new StockLevels(30, 15, 5, 10)));
        }

        @Test
        void quarantiningRecordsTheReasonAndTheLotsQuantity() {
            fixture.given((Object[]) threeLots())
                    .when(new QuarantineLot(SKU, "SOON", "lab check"), ORIGIN)
                    .expectEventsMatching(events(quarantined("SOON")))
                    .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.predicate(
                            state -> ((io.stockledger.command.api.LotState) state).status() == LotStatus.QUARANTINED
                                    && ((io.stockledger.command.api.LotState) state).available() == 0));
        }

        @Test
        void quarantiningTwiceWritesNothing() {
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2], quarantined("SOON"))
                    .when(new QuarantineLot(SKU, "SOON", "again"), ORIGIN)
                    .expectNoEvents();
        }

        @Test
        void anUnknownLotCannotBeQuarantined() {
            fixture.given((Object[]) threeLots())
                    .when(new QuarantineLot(SKU, "NOPE", "lab check"), ORIGIN)
                    .expectException(LotNotFoundException.class);
        }

        @Test
        void releasingFromQuarantineMakesTheUnitsAvailableAgain() {
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2], quarantined("SOON"))
                    .when(new ReleaseLotFromQuarantine(SKU, "SOON", "lab ok"), ORIGIN)
                    .expectEventsMatching(events(new LotUnquarantined(envelope(T0), "SOON", "lab ok", 10)))
                    .expectState(ledger -> assertThat(ledger.levels(T0)).isEqualTo(new StockLevels(30, 0, 30, 0)));
        }

        @Test
        void aLotIsUsableThroughItsExpiryDateAndBlockedTheDayAfter() {
            Instant lastDay = TODAY.plusDays(10).atTime(23, 59, 59).toInstant(java.time.ZoneOffset.UTC);
            fixture.given((Object[]) threeLots())
                    .when(reserve(RES, 1), ORIGIN)
                    .expectState(ledger -> {
                        assertThat(ledger.levels(lastDay)).isEqualTo(new StockLevels(30, 1, 29, 0));
                        assertThat(ledger.levels(lastDay.plusSeconds(1)))
                                .as("SOON expired; the reserved unit in it stays reserved")
                                .isEqualTo(new StockLevels(30, 1, 20, 9));
                    });
        }

        @Test
        void expiredLotsAreNotAllocated() {
            clock.set(TODAY.plusDays(11).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
            Instant now = clock.instant();
            fixture.given((Object[]) threeLots())
                    .when(new ReserveStock(SKU, RES, 15, Duration.ofSeconds(300), "reserve-" + RES), ORIGIN)
                    .expectEventsMatching(events(new ReservationRequested(envelope(now), RES, 15, 300,
                            now.plusSeconds(300), "reserve-" + RES, lots("LATE", 10, "NEVER", 5), null)));
        }
    }

    @Nested
    class Confirming {

        @Test
        void confirmationConsumesExactlyTheReservedLots() {
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2],
                            requested(RES, 15, lots("SOON", 10, "LATE", 5), null))
                    .when(new ConfirmReservation(SKU, RES), ORIGIN)
                    .expectEventsMatching(events(new ReservationConfirmed(envelope(T0), RES, 15,
                            lots("SOON", 10, "LATE", 5))))
                    .expectState(ledger -> {
                        assertThat(ledger.lots()).extracting(Lot::batchNumber, Lot::quantity, Lot::reserved)
                                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("LATE", 5L, 0L),
                                        org.assertj.core.groups.Tuple.tuple("SOON", 0L, 0L),
                                        org.assertj.core.groups.Tuple.tuple("NEVER", 10L, 0L));
                        assertThat(ledger.lots().stream().mapToLong(Lot::quantity).sum())
                                .isEqualTo(ledger.levels(T0).onHand());
                    });
        }

        @Test
        void unitsHeldInALotQuarantinedSinceAreShippedFromAnotherUsableLot() {
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2],
                            requested(RES, 12, lots("SOON", 10, "LATE", 2), null), quarantined("SOON"))
                    .when(new ConfirmReservation(SKU, RES), ORIGIN)
                    .expectEventsMatching(events(new ReservationConfirmed(envelope(T0), RES, 12,
                            lots("LATE", 10, "NEVER", 2))));
        }

        @Test
        void withoutAStandInTheConfirmationIsRefusedAndTheReservationStaysPending() {
            fixture.given(receivedLot("ONLY", 10, null, T0), requested(RES, 4, lots("ONLY", 4), null),
                            quarantined("ONLY"))
                    .when(new ConfirmReservation(SKU, RES), ORIGIN)
                    .expectNoEvents()
                    .expectException(ReservedLotUnavailableException.class)
                    .expectState(ledger -> assertThat(ledger.levels(T0)).isEqualTo(new StockLevels(10, 4, 0, 6)));
        }
    }

    @Nested
    class Adjusting {

        @Test
        void aNamedLotCannotGoBelowWhatIsReservedFromIt() {
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2], requested(RES, 8, lots("SOON", 8), null))
                    .when(new AdjustStock(SKU, -3, AdjustmentReason.DAMAGE, null, "adjust-1", "SOON"), ORIGIN)
                    .expectNoEvents()
                    .expectException(AdjustmentBelowReservedException.class);
        }

        @Test
        void aNamedLotIsAdjusted() {
            fixture.given((Object[]) threeLots())
                    .when(new AdjustStock(SKU, -3, AdjustmentReason.DAMAGE, null, "adjust-1", "LATE"), ORIGIN)
                    .expectEventsMatching(events(new StockAdjusted(envelope(T0), -3, "DAMAGE", null, "adjust-1", "LATE",
                            lots("LATE", 3))));
        }

        @Test
        void anUnknownLotCannotBeAdjusted() {
            fixture.given((Object[]) threeLots())
                    .when(new AdjustStock(SKU, 3, AdjustmentReason.FOUND, null, "adjust-1", "NOPE"), ORIGIN)
                    .expectException(LotNotFoundException.class);
        }

        @Test
        void anUnplacedLossTakesUnreservedUnitsInPickingOrder() {
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2], requested(RES, 8, lots("SOON", 8), null))
                    .when(new AdjustStock(SKU, -5, AdjustmentReason.LOSS, null, "adjust-1"), ORIGIN)
                    .expectEventsMatching(events(new StockAdjusted(envelope(T0), -5, "LOSS", null, "adjust-1", null,
                            lots("SOON", 2, "LATE", 3))));
        }
    }

    @Nested
    class Transfers {

        private final ShippedLot soon = new ShippedLot("SOON", 10, TODAY.plusDays(10), "A-SOON", new BigDecimal("1.00"));
        private final ShippedLot late = new ShippedLot("LATE", 2, TODAY.plusDays(90), "A-LATE", new BigDecimal("1.00"));

        @Test
        void shippingTakesUsableLotsByPolicyWithTheirAttributes() {
            fixture.given((Object[]) threeLots())
                    .when(new ShipTransfer(SKU, TRANSFER, OTHER_WAREHOUSE, 12, null, "transfer-1"), ORIGIN)
                    .expectEventsMatching(events(new TransferShipped(envelope(T0), TRANSFER, OTHER_WAREHOUSE, 12, null,
                            List.of(soon, late), "transfer-1")))
                    .expectState(ledger -> assertThat(ledger.levels(T0)).isEqualTo(new StockLevels(18, 0, 18, 0)));
        }

        @Test
        void aNamedLotIsTheOnlySource() {
            fixture.given((Object[]) threeLots())
                    .when(new ShipTransfer(SKU, TRANSFER, OTHER_WAREHOUSE, 11, "NEVER", "transfer-1"), ORIGIN)
                    .expectException(InsufficientStockException.class);
        }

        @Test
        void aRetriedShipmentAnswersWithTheFirstTransfer() {
            TransferShipped first = new TransferShipped(envelope(T0), TRANSFER, OTHER_WAREHOUSE, 12, null,
                    List.of(soon, late), "transfer-1");
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2], first)
                    .when(new ShipTransfer(SKU, UUID.randomUUID(), OTHER_WAREHOUSE, 12, null, "transfer-1"), ORIGIN)
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.predicate(
                            outcome -> ((io.stockledger.command.api.TransferOutcome) outcome).transferId()
                                    .equals(TRANSFER) && ((io.stockledger.command.api.TransferOutcome) outcome).replayed()));
        }

        @Test
        void theDestinationRecreatesTheLotsOnce() {
            StockLedgerId destination = new StockLedgerId(SKU.productId(), OTHER_WAREHOUSE);
            ReceiveTransfer receive = new ReceiveTransfer(destination, TRANSFER, SKU.warehouseId(), List.of(soon, late));
            fixture.givenNoPriorActivity()
                    .when(receive, ORIGIN)
                    .expectEventsMatching(events(new TransferReceived(envelope(T0, OTHER_WAREHOUSE), TRANSFER,
                            SKU.warehouseId(), 12, List.of(soon, late))))
                    .expectState(ledger -> assertThat(ledger.lots())
                            .extracting(Lot::batchNumber, Lot::expiryDate, Lot::quantity)
                            .containsExactlyInAnyOrder(
                                    org.assertj.core.groups.Tuple.tuple("SOON", TODAY.plusDays(10), 10L),
                                    org.assertj.core.groups.Tuple.tuple("LATE", TODAY.plusDays(90), 2L)));
            fixture.given(new TransferReceived(envelope(T0, OTHER_WAREHOUSE), TRANSFER, SKU.warehouseId(), 12,
                            List.of(soon, late)))
                    .when(receive, ORIGIN)
                    .expectNoEvents();
        }

        @Test
        void aDestinationLotWithAnotherExpiryRefusesTheTransfer() {
            StockLedgerId destination = new StockLedgerId(SKU.productId(), OTHER_WAREHOUSE);
            fixture.given(new StockReceived(envelope(T0, OTHER_WAREHOUSE), 1,
                            null, "receive-x", "SOON", TODAY.plusDays(3), null))
                    .when(new ReceiveTransfer(destination, TRANSFER, SKU.warehouseId(), List.of(soon)), ORIGIN)
                    .expectNoEvents()
                    .expectException(LotExpiryMismatchException.class);
        }

        @Test
        void aReturnPutsTheUnitsBackIntoTheirLotsOnce() {
            TransferShipped shipped = new TransferShipped(envelope(T0), TRANSFER, OTHER_WAREHOUSE, 12, null,
                    List.of(soon, late), "transfer-1");
            ReturnTransfer giveBack = new ReturnTransfer(SKU, TRANSFER, OTHER_WAREHOUSE, List.of(soon, late),
                    "LOT_EXPIRY_MISMATCH");
            TransferReturned returned = new TransferReturned(envelope(T0), TRANSFER, OTHER_WAREHOUSE, 12,
                    List.of(soon, late), "LOT_EXPIRY_MISMATCH");
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2], shipped)
                    .when(giveBack, ORIGIN)
                    .expectEventsMatching(events(returned))
                    .expectState(ledger -> assertThat(ledger.levels(T0)).isEqualTo(new StockLevels(30, 0, 30, 0)));
            fixture.given(threeLots()[0], threeLots()[1], threeLots()[2], shipped, returned)
                    .when(giveBack, ORIGIN)
                    .expectNoEvents();
        }
    }

    /** A new event's envelope: the SKU's, by the test's actor, at {@code at}. */
    private static EventEnvelope envelope(Instant at) {
        return envelope(at, SKU.warehouseId());
    }

    /** The same for the product's ledger in {@code warehouseId}. */
    private static EventEnvelope envelope(Instant at, UUID warehouseId) {
        return new EventEnvelope(UUID.randomUUID(), at, TRACE, SKU.productId(), warehouseId, ACTOR);
    }
}
