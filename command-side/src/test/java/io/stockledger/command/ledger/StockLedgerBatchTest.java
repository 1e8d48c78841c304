package io.stockledger.command.ledger;

import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.AdjustmentReason;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.ExpireOverdueReservations;
import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.MovementOutcome;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReservationNotFoundException;
import io.stockledger.command.api.ReservationOutcome;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLevels;
import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.LedgerCommandBatch;
import io.stockledger.events.EventEnvelope;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.stockledger.command.ledger.LedgerFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger's batch handler: members decided in order through their own handlers, each with its own answer, its
 * own refusal and its own metadata in the events it causes.
 */
class StockLedgerBatchTest extends LedgerRuleTest {

    private static final StockLedgerId SKU = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());
    private static final CommandOrigin ALICE = new CommandOrigin("alice", "trace-alice");
    private static final CommandOrigin BOB = new CommandOrigin("bob", "trace-bob");
    private static final CommandOrigin CAROL = new CommandOrigin("carol", "trace-carol");
    private static final CommandOrigin SWEEPER = new CommandOrigin("batcher", "trace-batch");
    private static final UUID RES = UUID.randomUUID();

    private final AtomicReference<Object> answer = new AtomicReference<>();

    @BeforeEach
    void copyOriginsIntoEvents() {
        // as the service configures Axon: actor and trace_id, and Axon's own origin ids, copied into events
        fixture.registerCommandHandlerInterceptor(new CorrelationDataInterceptor<>(List.of(
                new SimpleCorrelationDataProvider(CommandOrigin.ACTOR, CommandOrigin.TRACE_ID),
                new MessageOriginProvider())));
    }

    private static CommandMessage<?> from(CommandOrigin origin, Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(origin.toMetaData());
    }

    private static LedgerCommandBatch batch(CommandMessage<?>... members) {
        return new LedgerCommandBatch(SKU, List.of(members));
    }

    private static ReserveStock reserve(UUID id, int quantity, String key) {
        return new ReserveStock(SKU, id, quantity, Duration.ofSeconds(300), key);
    }

    private static StockReceived received(int quantity, String key) {
        return new StockReceived(new EventEnvelope(UUID.randomUUID(), T0, "trace-0", SKU.productId(),
                SKU.warehouseId(), "receiver"), quantity, null, key, LotQuantity.DEFAULT_BATCH, null, null);
    }

    private static ReservationRequested requested(CommandOrigin by, UUID id, int quantity, String key, Instant at) {
        return new ReservationRequested(new EventEnvelope(UUID.randomUUID(), at, by.traceId(), SKU.productId(),
                SKU.warehouseId(), by.actor()), id, quantity, 300, at.plusSeconds(300), key, inDefaultLot(quantity),
                null);
    }

    private static List<LotQuantity> inDefaultLot(int quantity) {
        return List.of(new LotQuantity(LotQuantity.DEFAULT_BATCH, quantity));
    }

    private static ReservationOutcome pending(UUID id, int quantity, boolean replayed) {
        return new ReservationOutcome(id, SKU, ReservationStatus.PENDING, quantity, T0, T0.plusSeconds(300), replayed,
                inDefaultLot(quantity));
    }

    @SuppressWarnings("unchecked")
    private List<BatchMemberOutcome> outcomes() {
        return (List<BatchMemberOutcome>) answer.get();
    }

    private org.hamcrest.Matcher<Object> captured() {
        return Matchers.predicate(payload -> {
            answer.set(payload);
            return true;
        });
    }

    @Test
    void membersAreDecidedInOrderEachWithItsOwnAnswerOrRefusal() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        fixture.given(received(100, "receive-1"), requested(CAROL, RES, 10, "key-res", T0))
                .when(batch(
                        from(ALICE, reserve(first, 60, "key-a")),
                        from(BOB, reserve(second, 60, "key-b")),          // only 30 left after alice
                        from(CAROL, new ConfirmReservation(SKU, RES)),
                        from(BOB, new ReleaseReservation(SKU, unknown)),
                        from(BOB, reserve(second, 30, "key-b2"))),        // exactly what is left
                        SWEEPER.toMetaData())
                .expectEventsMatching(events(requested(ALICE, first, 60, "key-a", T0),
                        new ReservationConfirmed(new EventEnvelope(UUID.randomUUID(), T0, CAROL.traceId(),
                                SKU.productId(), SKU.warehouseId(), CAROL.actor()), RES, 10, inDefaultLot(10)),
                        requested(BOB, second, 30, "key-b2", T0)))
                .expectResultMessagePayloadMatching(captured())
                .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(90, 90, 0)));

        List<BatchMemberOutcome> outcomes = outcomes();
        assertThat(outcomes).hasSize(5);
        assertThat(outcomes.get(0)).isEqualTo(BatchMemberOutcome.answered(pending(first, 60, false)));
        assertThat(outcomes.get(1).refusal()).isInstanceOf(InsufficientStockException.class)
                .hasMessage("requested 60 but only 30 available");
        assertThat(outcomes.get(2).result()).isEqualTo(new ReservationOutcome(RES, SKU, ReservationStatus.CONFIRMED,
                10, T0, T0.plusSeconds(300), false, inDefaultLot(10)));
        assertThat(outcomes.get(3).refusal()).isInstanceOf(ReservationNotFoundException.class);
        assertThat(outcomes.get(4)).isEqualTo(BatchMemberOutcome.answered(pending(second, 30, false)));
    }

    @Test
    void eachEventCarriesTheMetadataOfTheCommandThatCausedIt() {
        CommandMessage<?> byAlice = from(ALICE, reserve(UUID.randomUUID(), 1, "key-a"));
        CommandMessage<?> byBob = from(BOB, reserve(UUID.randomUUID(), 1, "key-b"));
        fixture.given(received(100, "receive-1"))
                .when(batch(byAlice, byBob), SWEEPER.toMetaData())
                .expectEventsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(event -> causedBy((EventMessage<?>) event, byAlice)),
                        Matchers.predicate(event -> causedBy((EventMessage<?>) event, byBob)),
                        Matchers.andNoMore()));
    }

    private static boolean causedBy(EventMessage<?> event, CommandMessage<?> command) {
        ReservationRequested payload = (ReservationRequested) event.getPayload();
        Map<String, ?> expected = Map.of(
                CommandOrigin.ACTOR, command.getMetaData().get(CommandOrigin.ACTOR),
                CommandOrigin.TRACE_ID, command.getMetaData().get(CommandOrigin.TRACE_ID),
                "correlationId", command.getIdentifier(),
                "traceId", command.getIdentifier());
        assertThat(event.getMetaData()).containsAllEntriesOf(expected);
        assertThat(payload.requesterId()).isEqualTo(command.getMetaData().get(CommandOrigin.ACTOR));
        assertThat(payload.traceId()).isEqualTo(command.getMetaData().get(CommandOrigin.TRACE_ID));
        return true;
    }

    @Test
    void expiriesFoundByTheFirstMemberAreRecordedOnceUnderItsTrace() {
        clock.advance(Duration.ofSeconds(301));
        Instant now = T0.plusSeconds(301);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        fixture.given(received(10, "receive-1"), requested(CAROL, RES, 10, "key-res", T0))
                .when(batch(from(ALICE, new ReserveStock(SKU, first, 6, Duration.ofSeconds(300), "key-a")),
                        from(BOB, new ReserveStock(SKU, second, 4, Duration.ofSeconds(300), "key-b"))))
                .expectEventsMatching(events(new ReservationExpired(new EventEnvelope(UUID.randomUUID(), now,
                                ALICE.traceId(), SKU.productId(), SKU.warehouseId(), CommandOrigin.LEDGER), RES, 10,
                                T0.plusSeconds(300), inDefaultLot(10)),
                        requested(ALICE, first, 6, "key-a", now),
                        requested(BOB, second, 4, "key-b", now)))
                .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(10, 10, 0)));
    }

    @Test
    void aRetryInTheSameBatchIsAnsweredFromTheFirstAndAReusedKeyIsThatMembersRefusal() {
        UUID id = UUID.randomUUID();
        fixture.given(received(100, "receive-1"))
                .when(batch(from(ALICE, reserve(id, 5, "key-a")),
                        from(ALICE, reserve(id, 5, "key-a")),              // the client's retry
                        from(BOB, reserve(UUID.randomUUID(), 7, "key-a")))) // someone else's request, same key
                .expectEventsMatching(events(requested(ALICE, id, 5, "key-a", T0)))
                .expectResultMessagePayloadMatching(captured());

        assertThat(outcomes().get(0).result()).isEqualTo(pending(id, 5, false));
        assertThat(outcomes().get(1).result()).isEqualTo(pending(id, 5, true));
        assertThat(outcomes().get(2).refusal()).isInstanceOf(IdempotencyKeyReusedException.class);
    }

    @Test
    void everyBatchableCommandTypeIsHandled() {
        UUID id = UUID.randomUUID();
        Map<Class<?>, Object> samples = Map.of(
                ReceiveStock.class, new ReceiveStock(SKU, 5, null, "key-receive"),
                ReserveStock.class, reserve(id, 3, "key-reserve"),
                ConfirmReservation.class, new ConfirmReservation(SKU, id),
                ReleaseReservation.class, new ReleaseReservation(SKU, RES),
                AdjustStock.class, new AdjustStock(SKU, -1, AdjustmentReason.DAMAGE, "dropped", "key-adjust"));
        assertThat(samples.keySet()).as("a sample for each batchable type")
                .containsExactlyInAnyOrderElementsOf(LedgerCommandBatch.BATCHABLE);
        List<CommandMessage<?>> members = new ArrayList<>();
        for (Class<?> type : List.of(ReceiveStock.class, ReserveStock.class, ConfirmReservation.class,
                ReleaseReservation.class, AdjustStock.class)) {
            members.add(from(ALICE, samples.get(type)));
        }
        fixture.given(received(100, "receive-1"), requested(CAROL, RES, 10, "key-res", T0))
                .when(new LedgerCommandBatch(SKU, members))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(captured())
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.predicate(StockReceived.class::isInstance),
                        Matchers.predicate(ReservationRequested.class::isInstance),
                        Matchers.predicate(ReservationConfirmed.class::isInstance),
                        Matchers.predicate(ReservationReleased.class::isInstance),
                        Matchers.predicate(StockAdjusted.class::isInstance),
                        Matchers.andNoMore())))
                .expectState(ledger -> assertThat(ledger.levels()).isEqualTo(new StockLevels(101, 0, 101)));

        assertThat(outcomes()).allSatisfy(outcome -> assertThat(outcome.isRefusal()).isFalse());
        assertThat(outcomes().get(0).result()).isInstanceOf(MovementOutcome.class);
        assertThat(outcomes().get(4).result()).isInstanceOf(MovementOutcome.class);
    }

    @Test
    void aBatchNeedsAnExistingLedgerSoTheDispatcherSendsAFirstReceiptAlone() {
        fixture.givenNoPriorActivity()
                .when(batch(from(ALICE, new ReceiveStock(SKU, 5, null, "key-1")),
                        from(BOB, new ReceiveStock(SKU, 5, null, "key-2"))))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aBatchOnlyTakesBatchableCommandsForItsOwnLedger() {
        StockLedgerId other = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());
        List<Runnable> invalid = List.of(
                () -> batch(),
                () -> batch(from(ALICE, new ExpireOverdueReservations(SKU))),
                () -> batch(from(ALICE, new ConfirmReservation(other, RES))));
        assertThat(invalid).allSatisfy(build ->
                assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class));
    }
}
