package io.stockledger.command.ledger;

import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.AdjustmentBelowReservedException;
import io.stockledger.command.api.AdjustmentReason;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.ExpireOverdueReservations;
import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.MovementOutcome;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReservationExpiredException;
import io.stockledger.command.api.ReservationIdTakenException;
import io.stockledger.command.api.ReservationNotFoundException;
import io.stockledger.command.api.ReservationNotPendingException;
import io.stockledger.command.api.ReservationOutcome;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLevels;
import io.stockledger.events.LedgerEvent;
import io.stockledger.events.EventEnvelope;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.stockledger.command.ledger.LedgerFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

/** One test per rule of the ledger: given its history, when a command arrives, then these events or this refusal. */
class StockLedgerTest extends LedgerRuleTest {

    private static final StockLedgerId SKU = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());
    private static final String TRACE = "trace-1";
    private static final String ACTOR = "checkout";
    private static final Map<String, String> ORIGIN = Map.of(CommandOrigin.ACTOR, ACTOR, CommandOrigin.TRACE_ID, TRACE);
    private static final UUID RES = UUID.randomUUID();
    private static final String KEY = "reserve-key-0000000000000000000000000001";


    // ---- events as the ledger writes them, at a given instant ----

    private static StockReceived received(int quantity, String key, Instant at) {
        return new StockReceived(envelope(at), quantity, null, key, LotQuantity.DEFAULT_BATCH, null, null);
    }

    private static ReservationRequested requested(UUID id, int quantity, int ttlSeconds, String key, Instant at) {
        return new ReservationRequested(envelope(at), id,
                quantity, ttlSeconds, at.plusSeconds(ttlSeconds), key, inDefaultLot(quantity), null);
    }

    private static ReservationConfirmed confirmed(UUID id, int quantity, Instant at) {
        return new ReservationConfirmed(envelope(at), id, quantity, inDefaultLot(quantity));
    }

    private static ReservationReleased released(UUID id, int quantity, Instant at) {
        return new ReservationReleased(envelope(at), id, quantity, inDefaultLot(quantity));
    }

    private static ReservationExpired expired(UUID id, int quantity, Instant deadline, Instant at) {
        return new ReservationExpired(new EventEnvelope(UUID.randomUUID(), at, TRACE, SKU.productId(),
                SKU.warehouseId(), CommandOrigin.LEDGER), id, quantity, deadline, inDefaultLot(quantity));
    }

    private static StockAdjusted adjusted(int quantity, AdjustmentReason reason, String key, Instant at) {
        return new StockAdjusted(envelope(at), quantity,
                reason.name(), "counted", key, null, inDefaultLot(Math.abs(quantity)));
    }

    private static List<LotQuantity> inDefaultLot(int quantity) {
        return List.of(new LotQuantity(LotQuantity.DEFAULT_BATCH, quantity));
    }

    private static ReserveStock reserve(UUID id, int quantity, String key) {
        return new ReserveStock(SKU, id, quantity, Duration.ofSeconds(300), key);
    }

    private static ReservationOutcome outcome(UUID id, ReservationStatus status, int quantity, boolean replayed) {
        return new ReservationOutcome(id, SKU, status, quantity, T0, T0.plusSeconds(300), replayed,
                inDefaultLot(quantity));
    }

    private static LedgerEvent[] hundredOnHandAndTenReserved() {
        return new LedgerEvent[] {received(100, "receive-1", T0), requested(RES, 10, 300, KEY, T0)};
    }

    @Nested
    class Receiving {

        @Test
        void firstReceiptOpensTheLedger() {
            fixture.givenNoPriorActivity()
                    .when(new ReceiveStock(SKU, 100, new BigDecimal("2.50"), "receive-1"), ORIGIN)
                    .expectEventsMatching(events(new StockReceived(envelope(T0), 100, new BigDecimal("2.50"),
                            "receive-1", LotQuantity.DEFAULT_BATCH, null, null)))
                    .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(100, 0, 100)));
        }

        @Test
        void receiptAddsToOnHand() {
            fixture.given(received(100, "receive-1", T0))
                    .when(new ReceiveStock(SKU, 20, null, "receive-2"), ORIGIN)
                    .expectEventsMatching(events(received(20, "receive-2", T0)))
                    .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(120, 0, 120)));
        }

        @Test
        void retriedReceiptWritesNothingAndAnswersWithTheFirstEvent() {
            StockReceived first = received(100, "receive-1", T0);
            fixture.given(first)
                    .when(new ReceiveStock(SKU, 100, null, "receive-1"), ORIGIN)
                    .expectNoEvents()
                    .expectResultMessagePayload(new MovementOutcome(first.eventId(), SKU, 100,
                            new StockLevels(100, 0, 100), true));
        }

        @Test
        void receiptKeyReusedForADifferentQuantityIsRefused() {
            fixture.given(received(100, "receive-1", T0))
                    .when(new ReceiveStock(SKU, 5, null, "receive-1"), ORIGIN)
                    .expectNoEvents()
                    .expectException(IdempotencyKeyReusedException.class);
        }
    }

    @Nested
    class Reserving {

        @Test
        void reservationSetsStockAside() {
            fixture.given(received(100, "receive-1", T0))
                    .when(reserve(RES, 10, KEY), ORIGIN)
                    .expectEventsMatching(events(requested(RES, 10, 300, KEY, T0)))
                    .expectResultMessagePayload(outcome(RES, ReservationStatus.PENDING, 10, false))
                    .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(100, 10, 90)));
        }

        @Test
        void theLedgerKeepsTimeToTheMicrosecondAsPostgresqlDoes() {
            // a clock with nanoseconds: the reserve answer must read as the read model's copy will, to the digit
            clock.set(T0.plusNanos(123_456_789));
            Instant cut = T0.plusNanos(123_456_000);
            fixture.given(received(100, "receive-1", T0))
                    .when(reserve(RES, 10, KEY), ORIGIN)
                    .expectEventsMatching(events(requested(RES, 10, 300, KEY, cut)))
                    .expectResultMessagePayloadMatching(org.axonframework.test.matchers.Matchers.predicate(
                            answer -> answer instanceof ReservationOutcome outcome && outcome.createdAt().equals(cut)
                                    && outcome.expiresAt().equals(cut.plusSeconds(300))));
        }

        @Test
        void theLastAvailableUnitCanBeReserved() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(reserve(UUID.randomUUID(), 90, "another-key"), ORIGIN)
                    .expectSuccessfulHandlerExecution()
                    .expectState(ledger -> assertThat(ledger.levels().available()).isZero());
        }

        @Test
        void reservingMoreThanAvailableIsRefused() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(reserve(UUID.randomUUID(), 91, "another-key"), ORIGIN)
                    .expectNoEvents()
                    .expectException(InsufficientStockException.class)
                    .expectExceptionMessage("requested 91 but only 90 available");
        }

        @Test
        void retriedReservationWritesNothingAndReturnsTheSameReservation() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(reserve(UUID.randomUUID(), 10, KEY), ORIGIN)
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(RES, ReservationStatus.PENDING, 10, true));
        }

        @Test
        void retryAfterConfirmationReportsTheCurrentStatus() {
            fixture.given(received(100, "receive-1", T0), requested(RES, 10, 300, KEY, T0), confirmed(RES, 10, T0))
                    .when(reserve(UUID.randomUUID(), 10, KEY), ORIGIN)
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(RES, ReservationStatus.CONFIRMED, 10, true));
        }

        @Test
        void sameKeyWithADifferentRequestIsRefused() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(reserve(UUID.randomUUID(), 11, KEY), ORIGIN)
                    .expectNoEvents()
                    .expectException(IdempotencyKeyReusedException.class);
        }

        @Test
        void aRetryAfterTheDeadlineRecordsTheExpiryAndReportsIt() {
            clock.advance(Duration.ofSeconds(300));
            Instant now = T0.plusSeconds(300);
            fixture.given(hundredOnHandAndTenReserved())
                    .when(reserve(UUID.randomUUID(), 10, KEY), ORIGIN)
                    .expectEventsMatching(events(expired(RES, 10, now, now)))
                    .expectResultMessagePayload(outcome(RES, ReservationStatus.EXPIRED, 10, true));
        }

        @Test
        void aReservationIdAlreadyHeldIsRefusedRatherThanOverwritten() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(reserve(RES, 5, "another-key"), ORIGIN)
                    .expectNoEvents()
                    .expectException(ReservationIdTakenException.class)
                    .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(100, 10, 90)));
        }

        @Test
        void aReceiptKeyCannotBeReusedForAReservation() {
            fixture.given(received(100, "receive-1", T0))
                    .when(reserve(RES, 100, "receive-1"), ORIGIN)
                    .expectNoEvents()
                    .expectException(IdempotencyKeyReusedException.class);
        }

        @Test
        void overdueReservationsExpireFirstAndTheirStockCounts() {
            clock.advance(Duration.ofSeconds(301));
            Instant now = T0.plusSeconds(301);
            UUID second = UUID.randomUUID();
            fixture.given(received(10, "receive-1", T0), requested(RES, 10, 300, KEY, T0))
                    .when(new ReserveStock(SKU, second, 10, Duration.ofSeconds(60), "second-key"), ORIGIN)
                    .expectEventsMatching(events(expired(RES, 10, T0.plusSeconds(300), now),
                            requested(second, 10, 60, "second-key", now)))
                    .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(10, 10, 0)));
        }

        @Test
        void aRefusedReservationStillRecordsTheExpiriesItFound() {
            clock.advance(Duration.ofSeconds(300));
            Instant now = T0.plusSeconds(300);
            fixture.given(received(10, "receive-1", T0), requested(RES, 4, 300, KEY, T0))
                    .when(reserve(UUID.randomUUID(), 11, "second-key"), ORIGIN)
                    .expectEventsMatching(events(expired(RES, 4, now, now)))
                    .expectException(InsufficientStockException.class);
        }
    }

    @Nested
    class Confirming {

        @Test
        void confirmationShipsTheReservedUnits() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(new ConfirmReservation(SKU, RES), ORIGIN)
                    .expectEventsMatching(events(confirmed(RES, 10, T0)))
                    .expectResultMessagePayload(outcome(RES, ReservationStatus.CONFIRMED, 10, false))
                    .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(90, 0, 90)));
        }

        @Test
        void confirmingTwiceReturnsTheSameOutcomeAndWritesNothing() {
            fixture.given(received(100, "receive-1", T0), requested(RES, 10, 300, KEY, T0), confirmed(RES, 10, T0))
                    .when(new ConfirmReservation(SKU, RES), ORIGIN)
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(RES, ReservationStatus.CONFIRMED, 10, true));
        }

        @Test
        void confirmingAReleasedReservationIsRefused() {
            fixture.given(received(100, "receive-1", T0), requested(RES, 10, 300, KEY, T0), released(RES, 10, T0))
                    .when(new ConfirmReservation(SKU, RES), ORIGIN)
                    .expectNoEvents()
                    .expectException(ReservationNotPendingException.class);
        }

        @Test
        void confirmingAtTheDeadlineIsRefusedEvenBeforeTheExpiryWasRecorded() {
            clock.advance(Duration.ofSeconds(300));
            Instant now = T0.plusSeconds(300);
            fixture.given(hundredOnHandAndTenReserved())
                    .when(new ConfirmReservation(SKU, RES), ORIGIN)
                    .expectEventsMatching(events(expired(RES, 10, now, now)))
                    .expectException(ReservationExpiredException.class)
                    .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(100, 0, 100)));
        }

        @Test
        void confirmingAnExpiredReservationIsRefused() {
            Instant deadline = T0.plusSeconds(300);
            fixture.given(received(100, "receive-1", T0), requested(RES, 10, 300, KEY, T0),
                            expired(RES, 10, deadline, deadline))
                    .when(new ConfirmReservation(SKU, RES), ORIGIN)
                    .expectNoEvents()
                    .expectException(ReservationExpiredException.class);
        }

        @Test
        void confirmingAnUnknownReservationIsRefused() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(new ConfirmReservation(SKU, UUID.randomUUID()), ORIGIN)
                    .expectNoEvents()
                    .expectException(ReservationNotFoundException.class);
        }
    }

    @Nested
    class Releasing {

        @Test
        void releaseGivesTheUnitsBack() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(new ReleaseReservation(SKU, RES), ORIGIN)
                    .expectEventsMatching(events(released(RES, 10, T0)))
                    .expectResultMessagePayload(outcome(RES, ReservationStatus.RELEASED, 10, false))
                    .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(100, 0, 100)));
        }

        @Test
        void releasingTwiceReturnsTheSameOutcomeAndWritesNothing() {
            fixture.given(received(100, "receive-1", T0), requested(RES, 10, 300, KEY, T0), released(RES, 10, T0))
                    .when(new ReleaseReservation(SKU, RES), ORIGIN)
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(RES, ReservationStatus.RELEASED, 10, true));
        }

        @Test
        void releasingAnExpiredReservationReportsItExpiredWithoutError() {
            Instant deadline = T0.plusSeconds(300);
            fixture.given(received(100, "receive-1", T0), requested(RES, 10, 300, KEY, T0),
                            expired(RES, 10, deadline, deadline))
                    .when(new ReleaseReservation(SKU, RES), ORIGIN)
                    .expectNoEvents()
                    .expectResultMessagePayload(outcome(RES, ReservationStatus.EXPIRED, 10, true));
        }

        @Test
        void releasingAConfirmedReservationIsRefused() {
            fixture.given(received(100, "receive-1", T0), requested(RES, 10, 300, KEY, T0), confirmed(RES, 10, T0))
                    .when(new ReleaseReservation(SKU, RES), ORIGIN)
                    .expectNoEvents()
                    .expectException(ReservationNotPendingException.class);
        }
    }

    @Nested
    class Adjusting {

        @Test
        void countCorrectionLowersOnHand() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(new AdjustStock(SKU, -90, AdjustmentReason.COUNT_CORRECTION, "counted", "adjust-1"), ORIGIN)
                    .expectEventsMatching(events(adjusted(-90, AdjustmentReason.COUNT_CORRECTION, "adjust-1", T0)))
                    .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(10, 10, 0)));
        }

        @Test
        void foundStockRaisesOnHand() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(new AdjustStock(SKU, 5, AdjustmentReason.FOUND, "counted", "adjust-1"), ORIGIN)
                    .expectEventsMatching(events(adjusted(5, AdjustmentReason.FOUND, "adjust-1", T0)));
        }

        @Test
        void anAdjustmentCannotTakeOnHandBelowReserved() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(new AdjustStock(SKU, -91, AdjustmentReason.DAMAGE, "counted", "adjust-1"), ORIGIN)
                    .expectNoEvents()
                    .expectException(AdjustmentBelowReservedException.class);
        }

        @Test
        void retriedAdjustmentWritesNothing() {
            StockAdjusted first = adjusted(-3, AdjustmentReason.LOSS, "adjust-1", T0);
            fixture.given(received(100, "receive-1", T0), first)
                    .when(new AdjustStock(SKU, -3, AdjustmentReason.LOSS, "counted", "adjust-1"), ORIGIN)
                    .expectNoEvents()
                    .expectResultMessagePayload(new MovementOutcome(first.eventId(), SKU, -3,
                            new StockLevels(97, 0, 97), true));
        }

        @Test
        void adjustmentKeyReusedWithAnotherNoteIsRefused() {
            fixture.given(received(100, "receive-1", T0), adjusted(-3, AdjustmentReason.LOSS, "adjust-1", T0))
                    .when(new AdjustStock(SKU, -3, AdjustmentReason.LOSS, "recounted", "adjust-1"), ORIGIN)
                    .expectNoEvents()
                    .expectException(IdempotencyKeyReusedException.class);
        }

        @Test
        void adjustmentKeyReusedWithAnotherReasonIsRefused() {
            fixture.given(received(100, "receive-1", T0), adjusted(-3, AdjustmentReason.LOSS, "adjust-1", T0))
                    .when(new AdjustStock(SKU, -3, AdjustmentReason.DAMAGE, "counted", "adjust-1"), ORIGIN)
                    .expectNoEvents()
                    .expectException(IdempotencyKeyReusedException.class);
        }
    }

    @Nested
    class Expiring {

        @Test
        void theSweepExpiresEveryOverdueReservationAndReturnsTheirUnits() {
            clock.advance(Duration.ofSeconds(300));
            Instant now = T0.plusSeconds(300);
            UUID later = UUID.randomUUID();
            fixture.given(received(100, "receive-1", T0), requested(RES, 10, 300, KEY, T0),
                            requested(later, 5, 600, "later-key", T0))
                    .when(new ExpireOverdueReservations(SKU), ORIGIN)
                    .expectEventsMatching(events(expired(RES, 10, now, now)))
                    .expectResultMessagePayload(1)
                    .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(100, 5, 95)));
        }

        @Test
        void aSweepWithNothingOverdueWritesNothing() {
            fixture.given(hundredOnHandAndTenReserved())
                    .when(new ExpireOverdueReservations(SKU), ORIGIN)
                    .expectNoEvents()
                    .expectResultMessagePayload(0);
        }
    }

    @Nested
    class OrderLines {

        private static final String ORDER = "web-417";

        private ReservationRequested requestedForLine(String line, int quantity) {
            return new ReservationRequested(envelope(T0), RES, quantity, 300, T0.plusSeconds(300), KEY,
                    inDefaultLot(quantity), null, ORDER, line);
        }

        @Test
        void aReservationForALineOfAnOrderNamesTheOrderAndTheLine() {
            fixture.given(received(100, "receive-1", T0))
                    .when(new ReserveStock(SKU, RES, 4, Duration.ofSeconds(300), KEY, null, null, ORDER, "2"), ORIGIN)
                    .expectEventsMatching(events(requestedForLine("2", 4)))
                    .expectResultMessagePayload(new ReservationOutcome(RES, SKU, ReservationStatus.PENDING, 4, T0,
                            T0.plusSeconds(300), false, inDefaultLot(4), ORDER, "2"));
        }

        @Test
        void everyLaterEventOfTheReservationNamesTheOrderAndTheLineToo() {
            fixture.given(received(100, "receive-1", T0), requestedForLine("2", 4))
                    .when(new ConfirmReservation(SKU, RES), ORIGIN)
                    .expectEventsMatching(events(new ReservationConfirmed(envelope(T0), RES, 4, inDefaultLot(4),
                            ORDER, "2")));
        }

        @Test
        void anExpiryNamesTheOrderAndTheLine() {
            clock.advance(Duration.ofSeconds(301));
            Instant now = T0.plusSeconds(301);
            fixture.given(received(100, "receive-1", T0), requestedForLine("7", 4))
                    .when(new ExpireOverdueReservations(SKU), ORIGIN)
                    .expectEventsMatching(events(new ReservationExpired(new EventEnvelope(UUID.randomUUID(), now, TRACE,
                            SKU.productId(), SKU.warehouseId(), CommandOrigin.LEDGER), RES, 4, T0.plusSeconds(300),
                            inDefaultLot(4), ORDER, "7")));
        }

        @Test
        void anOrderIdWithoutALineIsNotACommand() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReserveStock(SKU, RES, 1,
                            Duration.ofSeconds(300), KEY, null, null, ORDER, null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Memory {

        @Test
        void settledRequestsAreForgottenAfterTheRetentionWindow() {
            Instant later = T0.plus(RequestMemory.REQUEST_RETENTION).plusSeconds(1);
            clock.set(later);
            fixture.given(received(100, "receive-1", T0), requested(RES, 10, 300, KEY, T0), confirmed(RES, 10, T0))
                    .when(new ReceiveStock(SKU, 1, null, "receive-2"), ORIGIN)
                    .expectSuccessfulHandlerExecution()
                    .expectState(ledger -> {
                        assertThat(ledger.rememberedReservations()).isZero();
                        assertThat(ledger.rememberedRequests()).isEqualTo(1);
                        assertThat(ledger.levels()).isEqualTo(new StockLevels(91, 0, 91));
                    });
        }

        @Test
        void aBusyLedgerRemembersOnlyTheMostRecentSettledRequests() {
            int limit = RequestMemory.SETTLED_REQUESTS_REMEMBERED;
            java.util.List<Object> history = new java.util.ArrayList<>();
            history.add(received(limit + 10, "receive-1", T0));
            UUID oldest = null;
            UUID newest = null;
            for (int i = 0; i < limit + 5; i++) {
                UUID id = UUID.randomUUID();
                oldest = oldest == null ? id : oldest;
                newest = id;
                history.add(requested(id, 1, 300, "key-" + i, T0));
                history.add(confirmed(id, 1, T0));
            }
            UUID first = oldest;
            UUID last = newest;
            fixture.given(history)
                    .when(new ConfirmReservation(SKU, last), ORIGIN)
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(org.hamcrest.Matchers.notNullValue())
                    .expectState(ledger -> {
                        assertThat(ledger.rememberedReservations()).isLessThanOrEqualTo(limit);
                        assertThat(ledger.rememberedRequests()).isLessThanOrEqualTo(limit);
                    });
            fixture.given(history)
                    .when(new ConfirmReservation(SKU, first), ORIGIN)
                    .expectException(ReservationNotFoundException.class);
        }

        @Test
        void pendingReservationsAreNeverForgotten() {
            Instant later = T0.plus(RequestMemory.REQUEST_RETENTION).plusSeconds(1);
            clock.set(later);
            fixture.given(received(100, "receive-1", T0),
                            new ReservationRequested(envelope(T0), RES, 10, 3600 * 48, T0.plusSeconds(3600 * 48), KEY))
                    .when(new ReceiveStock(SKU, 1, null, "receive-2"), ORIGIN)
                    .expectSuccessfulHandlerExecution()
                    .expectState(ledger -> {
                        assertThat(ledger.rememberedReservations()).isEqualTo(1);
                        assertThat(ledger.levels().reserved()).isEqualTo(10);
                    });
        }
    }

    /** A new event's envelope: the SKU's, by the test's actor, at {@code at}. */
    private static EventEnvelope envelope(Instant at) {
        return new EventEnvelope(UUID.randomUUID(), at, TRACE, SKU.productId(), SKU.warehouseId(), ACTOR);
    }
}
