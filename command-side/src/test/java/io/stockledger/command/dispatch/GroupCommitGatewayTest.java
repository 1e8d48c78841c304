package io.stockledger.command.dispatch;

import io.stockledger.command.api.ExpireOverdueReservations;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.CrossLedgerBatch;
import io.stockledger.command.groupcommit.LedgerBatchResult;
import io.stockledger.command.groupcommit.LedgerCommandBatch;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.stockledger.command.dispatch.GatewayCalls.answerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dispatcher's group commit against a real Axon command bus with stand-in handlers: who waits, what goes in
 * together and in which order, and that every caller gets exactly its own answer. The ledger's own batch handler is
 * covered by {@code StockLedgerBatchTest}; the whole path against PostgreSQL by the service's {@code GroupCommitTest}.
 */
class GroupCommitGatewayTest {

    private static final StockLedgerId SKU = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final ConcurrencyConflictRetryScheduler retries = new ConcurrencyConflictRetryScheduler(
            Executors.newSingleThreadScheduledExecutor(), 3, () -> { });
    private final WriteWatchdog watchdog = new WriteWatchdog(Duration.ofSeconds(10), Duration.ofSeconds(60));
    private final RecordingBatchObserver observer = new RecordingBatchObserver();
    private final GroupCommitGateway gateway = gatewayWithWriters(8);

    /** What the stand-in ledger saw: one entry per unit of work, listing the idempotency keys it carried. */
    private final List<List<String>> unitsOfWork = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch firstEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);

    @AfterEach
    void stop() {
        retries.close();
        watchdog.close();
    }

    private GroupCommitGateway gatewayWithWriters(int writers) {
        return new GroupCommitGateway(DefaultCommandGateway.builder().commandBus(bus).retryScheduler(retries),
                128, writers, observer, watchdog);
    }

    /** Single reserves answer "ok key", or refuse a quantity over 100; the first one waits to be released. */
    private void singleReservesAnswer() {
        bus.subscribe(ReserveStock.class.getName(), message -> {
            ReserveStock reserve = (ReserveStock) message.getPayload();
            unitsOfWork.add(List.of(reserve.idempotencyKey()));
            if (reserve.idempotencyKey().equals("first")) {
                firstEntered.countDown();
                releaseFirst.await();
            }
            return answer(reserve);
        });
        bus.subscribe(ExpireOverdueReservations.class.getName(), message -> {
            unitsOfWork.add(List.of("expire"));
            return 0;
        });
    }

    private static Object answer(ReserveStock reserve) throws InsufficientStockException {
        if (reserve.quantity() > 100) {
            throw new InsufficientStockException(reserve.quantity(), 100);
        }
        return "ok " + reserve.idempotencyKey();
    }

    /** The stand-in ledger's batch handler: each member answered as alone, refusals as that member's outcome. */
    private void batchesAnswer(Function<LedgerCommandBatch, Object> whenBatch) {
        bus.subscribe(LedgerCommandBatch.class.getName(), message -> {
            LedgerCommandBatch batch = (LedgerCommandBatch) message.getPayload();
            unitsOfWork.add(batch.members().stream()
                    .map(member -> ((ReserveStock) member.getPayload()).idempotencyKey()).toList());
            return whenBatch.apply(batch);
        });
    }

    /** Single reserves as {@link #singleReservesAnswer}; every batch fails, each time it is sent, with a new failure. */
    private void everyBatchFailsWith(Supplier<RuntimeException> failure) {
        singleReservesAnswer();
        batchesAnswer(batch -> {
            throw failure.get();
        });
    }

    /** Single reserves as {@link #singleReservesAnswer}, and each batch's members as if each came alone. */
    private void reservesAnswerAsAlone() {
        singleReservesAnswer();
        batchesAnswer(GroupCommitGatewayTest::eachAsAlone);
    }

    /** A ticket whose deadline is {@code left} from now. */
    private static CommandTicket<Object> ticketFor(Duration left) {
        return CommandTicket.until(System.nanoTime() + left.toNanos());
    }

    /** Sends a reservation of one unit of {@link #SKU} whose caller waits {@code left}; its ticket answers it. */
    private CommandTicket<Object> reserveOne(String reservation, Duration left) {
        CommandTicket<Object> ticket = ticketFor(left);
        gateway.send(reserve(SKU, reservation, 1), ticket);
        return ticket;
    }

    private static Object eachAsAlone(LedgerCommandBatch batch) {
        List<BatchMemberOutcome> outcomes = new ArrayList<>();
        for (CommandMessage<?> member : batch.members()) {
            try {
                outcomes.add(BatchMemberOutcome.answered(answer((ReserveStock) member.getPayload())));
            } catch (InsufficientStockException refusal) {
                outcomes.add(BatchMemberOutcome.refused(refusal));
            }
        }
        return outcomes;
    }

    private static ReserveStock reserve(StockLedgerId ledger, String key, int quantity) {
        return new ReserveStock(ledger, UUID.randomUUID(), quantity, Duration.ofMinutes(5), key);
    }

    /** Sends from a thread of its own and returns once the command waits in its lane (or was written). */
    private CompletableFuture<Object> sendAndWaitUntilQueued(Object command, int waitingAfterwards)
            throws InterruptedException {
        return sendAndWaitUntilQueued(gateway, command, waitingAfterwards);
    }

    private static CompletableFuture<Object> sendAndWaitUntilQueued(GroupCommitGateway gateway,
                                                                    Object command, int waitingAfterwards)
            throws InterruptedException {
        CompletableFuture<Object> answer = GatewayCalls.sendFromOwnThread(gateway, command);
        GatewayCalls.awaitCount(gateway::waitingCommands, waitingAfterwards, "commands waiting");
        return answer;
    }

    /** Starts the first command, on {@link #SKU}, and returns once its handler holds {@code gateway}'s writer. */
    private CompletableFuture<Object> firstHoldsTheWriter(GroupCommitGateway gateway) throws InterruptedException {
        CompletableFuture<Object> first = GatewayCalls.sendFromOwnThread(gateway, reserve(SKU, "first", 1));
        assertThat(firstEntered.await(10, TimeUnit.SECONDS)).isTrue();
        // its thread counted itself waiting on the way in, and is past that only once its handler runs
        GatewayCalls.awaitCount(gateway::waitingCommands, 0, "commands waiting");
        return first;
    }

    /**
     * While a first command on {@link #SKU} holds {@code gateway}'s writer, queues {@code commands} behind it in this
     * order; then lets the first finish and returns the queued commands' answers, in the same order.
     */
    private List<CompletableFuture<Object>> queuedBehindTheFirst(GroupCommitGateway gateway, Object... commands)
            throws Exception {
        CompletableFuture<Object> first = firstHoldsTheWriter(gateway);
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        for (Object command : commands) {
            answers.add(sendAndWaitUntilQueued(gateway, command, answers.size() + 1));
        }
        releaseFirst.countDown();
        answerOf(first);
        return answers;
    }

    @Test
    void aCommandThatFindsItsLedgerFreeIsWrittenAtOnceAlone() throws Exception {
        reservesAnswerAsAlone();
        releaseFirst.countDown();

        assertThat(answerOf(gateway.send(reserve(SKU, "only", 1)))).isEqualTo("ok only");
        assertThat(gateway.send("not a ledger command").handle((result, failure) -> failure))
                .as("other commands go straight to the bus").isNotNull();
        assertThat(unitsOfWork).containsExactly(List.of("only"));
        assertThat(observer.writes).containsExactly(1);
    }

    @Test
    void commandsQueuedWhileTheLedgerIsWrittenGoInTogetherInArrivalOrderEachWithItsOwnAnswer() throws Exception {
        reservesAnswerAsAlone();
        StockLedgerId neighbour = sameLaneAs(SKU);

        CompletableFuture<Object> first = firstHoldsTheWriter(gateway);
        CompletableFuture<Object> a = sendAndWaitUntilQueued(reserve(SKU, "a", 1), 1);
        CompletableFuture<Object> elsewhere = sendAndWaitUntilQueued(reserve(neighbour, "neighbour", 1), 2);
        CompletableFuture<Object> b = sendAndWaitUntilQueued(reserve(SKU, "b", 500), 3);
        CompletableFuture<Object> c = sendAndWaitUntilQueued(reserve(SKU, "c", 2), 4);
        releaseFirst.countDown();

        assertThat(answerOf(first)).isEqualTo("ok first");
        assertThat(answerOf(a)).isEqualTo("ok a");
        assertThatThrownBy(() -> answerOf(b)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(InsufficientStockException.class);
        assertThat(answerOf(c)).isEqualTo("ok c");
        assertThat(answerOf(elsewhere)).isEqualTo("ok neighbour");
        assertThat(unitsOfWork).containsExactly(List.of("first"), List.of("a", "b", "c"), List.of("neighbour"));
        assertThat(observer.writes).containsExactly(1, 3, 1);
        assertThat(observer.splits).hasValue(0);
    }

    @Test
    void aCommandThatMayNotBeBatchedEndsTheBatchAndWaitsItsTurn() throws Exception {
        reservesAnswerAsAlone();

        List<CompletableFuture<Object>> answers = queuedBehindTheFirst(gateway, reserve(SKU, "a", 1),
                reserve(SKU, "b", 1), new ExpireOverdueReservations(SKU), reserve(SKU, "c", 1));

        for (CompletableFuture<Object> answer : answers) {
            answerOf(answer);
        }
        assertThat(unitsOfWork).containsExactly(List.of("first"), List.of("a", "b"), List.of("expire"),
                List.of("c"));
    }

    @Test
    void aBatchThatFailsAsAWholeIsSplitAndItsMembersAreSentOneByOneInOrder() throws Exception {
        everyBatchFailsWith(() -> new IllegalStateException("say, an idempotency key already used on another SKU"));

        List<CompletableFuture<Object>> answers = queuedBehindTheFirst(gateway, reserve(SKU, "a", 1),
                reserve(SKU, "b", 500), reserve(SKU, "c", 1));

        assertThat(answerOf(answers.get(0))).isEqualTo("ok a");
        assertThatThrownBy(() -> answerOf(answers.get(1))).hasCauseInstanceOf(InsufficientStockException.class);
        assertThat(answerOf(answers.get(2))).isEqualTo("ok c");
        assertThat(unitsOfWork).containsExactly(List.of("first"), List.of("a", "b", "c"), List.of("a"),
                List.of("b"), List.of("c"));
        assertThat(observer.splits).hasValue(1);
    }

    @Test
    void aBatchThatLostAnAppendRaceIsRetriedWhole() throws Exception {
        singleReservesAnswer();
        AtomicInteger attempts = new AtomicInteger();
        batchesAnswer(batch -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ConcurrencyException("another instance appended first");
            }
            return eachAsAlone(batch);
        });

        List<CompletableFuture<Object>> answers = queuedBehindTheFirst(gateway, reserve(SKU, "a", 1),
                reserve(SKU, "b", 1));

        assertThat(answerOf(answers.get(0))).isEqualTo("ok a");
        assertThat(answerOf(answers.get(1))).isEqualTo("ok b");
        assertThat(unitsOfWork).containsExactly(List.of("first"), List.of("a", "b"), List.of("a", "b"));
        assertThat(observer.splits).hasValue(0);
    }

    @Test
    void whenEveryRetryOfABatchLosesEachMemberGetsThatFailure() throws Exception {
        everyBatchFailsWith(() -> new ConcurrencyException("another instance appended first, again"));

        List<CompletableFuture<Object>> answers = queuedBehindTheFirst(gateway, reserve(SKU, "a", 1),
                reserve(SKU, "b", 1));

        assertThatThrownBy(() -> answerOf(answers.get(0))).hasCauseInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> answerOf(answers.get(1))).hasCauseInstanceOf(ConcurrencyException.class);
        assertThat(unitsOfWork).as("the first try and 3 retries, never split").hasSize(5);
        assertThat(observer.splits).hasValue(0);
    }

    @Test
    void anAnswerTheDispatcherCannotReadStillLeavesNoCallerWaitingAndFreesTheLane() throws Exception {
        singleReservesAnswer();
        batchesAnswer(batch -> "not one outcome per member");

        List<CompletableFuture<Object>> answers = queuedBehindTheFirst(gateway, reserve(SKU, "a", 1),
                reserve(SKU, "b", 1));

        assertThatThrownBy(() -> answerOf(answers.get(0))).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> answerOf(answers.get(1))).isInstanceOf(ExecutionException.class);
        assertThat(answerOf(gateway.send(reserve(SKU, "later", 1)))).isEqualTo("ok later");
    }

    /**
     * The stand-in for the ledgers' cross-ledger handler: one unit of work listing every member's key, each ledger's
     * batch answered by {@code perLedger}.
     */
    private void crossLedgerBatchesAnswer(Function<LedgerCommandBatch, LedgerBatchResult> perLedger) {
        bus.subscribe(CrossLedgerBatch.class.getName(), message -> {
            CrossLedgerBatch cross = (CrossLedgerBatch) message.getPayload();
            unitsOfWork.add(cross.batches().stream().flatMap(batch -> batch.members().stream())
                    .map(member -> ((ReserveStock) member.getPayload()).idempotencyKey()).toList());
            return cross.batches().stream().map(perLedger).toList();
        });
    }

    /** Stand-ins for single reserves, one ledger's batches, and cross-ledger batches answered by {@code perLedger}. */
    private void ledgersAnswer(Function<LedgerCommandBatch, LedgerBatchResult> perLedger) {
        reservesAnswerAsAlone();
        crossLedgerBatchesAnswer(perLedger);
    }

    @SuppressWarnings("unchecked")
    private static LedgerBatchResult decidedAsAlone(LedgerCommandBatch batch) {
        return LedgerBatchResult.decided((List<BatchMemberOutcome>) eachAsAlone(batch));
    }

    /** Two ledgers' commands as a shared transaction writes them: ledgers in their one fixed order, by id. */
    private static List<String> inLedgerOrder(StockLedgerId one, String oneCommand, StockLedgerId other,
                                              String otherCommand) {
        return one.compareTo(other) < 0 ? List.of(oneCommand, otherCommand) : List.of(otherCommand, oneCommand);
    }

    @Test
    void ledgersWritesQueuedWhileTheWritersAreBusyShareOneTransactionEachCallerWithItsOwnAnswer() throws Exception {
        ledgersAnswer(GroupCommitGatewayTest::decidedAsAlone);
        GroupCommitGateway oneWriter = gatewayWithWriters(1);
        StockLedgerId second = otherLaneThan(SKU);
        StockLedgerId third = otherLaneThan(SKU, second);

        CompletableFuture<Object> first = firstHoldsTheWriter(oneWriter);
        CompletableFuture<Object> secondAnswer = sendAndWaitUntilQueued(oneWriter, reserve(second, "second", 1), 1);
        CompletableFuture<Object> refused = sendAndWaitUntilQueued(oneWriter, reserve(third, "third", 500), 2);
        assertThat(unitsOfWork).as("other ledgers' lanes are free, but the one writer is busy")
                .containsExactly(List.of("first"));
        releaseFirst.countDown();

        assertThat(answerOf(first)).isEqualTo("ok first");
        assertThat(answerOf(secondAnswer)).isEqualTo("ok second");
        assertThatThrownBy(() -> answerOf(refused)).hasCauseInstanceOf(InsufficientStockException.class);
        assertThat(unitsOfWork).as("the shared transaction takes its ledgers in their id order")
                .containsExactly(List.of("first"), inLedgerOrder(second, "second", third, "third"));
        assertThat(observer.sharedTransactions).containsExactly(2);
        assertThat(observer.writes).as("each ledger's write counted on its own").containsExactly(1, 1, 1);
        // a caller whose command another's write answered stops counting itself a moment after its answer
        GatewayCalls.awaitCount(oneWriter::waitingCommands, 0, "commands waiting");
    }

    @Test
    void aSharedTransactionThatFailsAsAWholeIsWrittenAgainOneLedgerAtATime() throws Exception {
        ledgersAnswer(batch -> {
            throw new ConcurrencyException("another instance appended to one of the ledgers first");
        });
        GroupCommitGateway oneWriter = gatewayWithWriters(1);
        StockLedgerId second = otherLaneThan(SKU);
        StockLedgerId third = otherLaneThan(SKU, second);

        List<CompletableFuture<Object>> answers = queuedBehindTheFirst(oneWriter, reserve(second, "second", 1),
                reserve(third, "third", 1));

        assertThat(answerOf(answers.get(0))).isEqualTo("ok second");
        assertThat(answerOf(answers.get(1))).isEqualTo("ok third");
        List<String> inOrder = inLedgerOrder(second, "second", third, "third");
        assertThat(unitsOfWork).as("no retry of the shared transaction, each ledger on its own instead")
                .containsExactly(List.of("first"), inOrder, List.of(inOrder.get(0)), List.of(inOrder.get(1)));
        assertThat(observer.sharedTransactionSplits).hasValue(1);
    }

    @Test
    void aLedgerMissingFromASharedTransactionIsWrittenOnItsOwnAndTheOthersStand() throws Exception {
        StockLedgerId missing = otherLaneThan(SKU);
        StockLedgerId present = otherLaneThan(SKU, missing);
        ledgersAnswer(batch -> batch.ledgerId().equals(missing)
                ? LedgerBatchResult.ledgerMissing() : decidedAsAlone(batch));
        GroupCommitGateway oneWriter = gatewayWithWriters(1);

        List<CompletableFuture<Object>> answers = queuedBehindTheFirst(oneWriter, reserve(missing, "missing", 1),
                reserve(present, "present", 1));

        assertThat(answerOf(answers.get(1))).isEqualTo("ok present");
        assertThat(answerOf(answers.get(0))).as("its own answer, from its own command").isEqualTo("ok missing");
        assertThat(unitsOfWork).containsExactly(List.of("first"), inLedgerOrder(missing, "missing", present, "present"),
                List.of("missing"));
        assertThat(observer.sharedTransactionSplits).hasValue(0);
    }

    @Test
    void aCommandThatMayNotBeBatchedIsWrittenAloneAndTheOthersShareTheNextTransaction() throws Exception {
        ledgersAnswer(GroupCommitGatewayTest::decidedAsAlone);
        GroupCommitGateway oneWriter = gatewayWithWriters(1);
        StockLedgerId second = otherLaneThan(SKU);
        StockLedgerId third = otherLaneThan(SKU, second);
        StockLedgerId fourth = otherLaneThan(SKU, second, third);

        List<CompletableFuture<Object>> answers = queuedBehindTheFirst(oneWriter,
                new ExpireOverdueReservations(second), reserve(third, "third", 1), reserve(fourth, "fourth", 1));

        for (CompletableFuture<Object> answer : answers) {
            answerOf(answer);
        }
        assertThat(unitsOfWork).containsExactly(List.of("first"), List.of("expire"),
                inLedgerOrder(third, "third", fourth, "fourth"));
    }

    /** A ledger whose lane differs from all the given ledgers' lanes. */
    private static StockLedgerId otherLaneThan(StockLedgerId... ledgers) {
        while (true) {
            StockLedgerId other = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());
            if (java.util.Arrays.stream(ledgers).noneMatch(
                    ledger -> Math.floorMod(other.hashCode(), 4096) == Math.floorMod(ledger.hashCode(), 4096))) {
                return other;
            }
        }
    }

    /** Another ledger that shares the lane (stripe) of the given one. */
    private static StockLedgerId sameLaneAs(StockLedgerId ledger) {
        while (true) {
            StockLedgerId other = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());
            if (Math.floorMod(other.hashCode(), 4096) == Math.floorMod(ledger.hashCode(), 4096)) {
                return other;
            }
        }
    }

    @Test
    void aCommandWhoseDeadlinePassedWhileQueuedIsNeverWrittenAndItsCallerIsAnsweredThatItWasNot() throws Exception {
        reservesAnswerAsAlone();

        CompletableFuture<Object> first = firstHoldsTheWriter(gateway);
        // a second of deadline, spent waiting behind the first: the caller gives up before the ledger is free
        CommandTicket<Object> late = reserveOne("late", Duration.ofSeconds(1));
        CommandTicket<Object> patient = reserveOne("patient", Duration.ofMinutes(5));

        assertThatThrownBy(() -> late.answer().get(late.remainingNanos(), TimeUnit.NANOSECONDS))
                .as("the caller waits no longer than its deadline although the ledger is busy")
                .isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(late.abandon()).as("not written yet, so never written").isTrue();
        releaseFirst.countDown();

        assertThat(answerOf(first)).isEqualTo("ok first");
        assertThat(answerOf(patient.answer())).isEqualTo("ok patient");
        assertThatThrownBy(() -> answerOf(late.answer())).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(io.stockledger.command.fault.LedgerFaultException.class)
                .hasMessageContaining("was not written");
        assertThat(unitsOfWork).containsExactly(List.of("first"), List.of("patient"));
    }

    @Test
    void aCommandWhoseDeadlinePassesWithoutItsCallerGivingUpIsDroppedToo() throws Exception {
        reservesAnswerAsAlone();

        CompletableFuture<Object> first = firstHoldsTheWriter(gateway);
        CommandTicket<Object> late = reserveOne("late", Duration.ofMillis(200));
        while (late.remainingNanos() > 0) {
            Thread.sleep(10);
        }
        releaseFirst.countDown();

        assertThat(answerOf(first)).isEqualTo("ok first");
        assertThatThrownBy(() -> answerOf(late.answer())).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(io.stockledger.command.fault.LedgerFaultException.class);
        assertThat(late.abandon()).as("the caller learns it was not written").isTrue();
        assertThat(unitsOfWork).containsExactly(List.of("first"));
    }

    @Test
    void aCommandTakenIntoATransactionBeforeItsCallerGaveUpIsWrittenAndTheCallerKnowsItsOutcomeIsUnknown()
            throws Exception {
        reservesAnswerAsAlone();

        CommandTicket<Object> first = reserveOne("first", Duration.ofMinutes(5));
        assertThat(firstEntered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(first.abandon()).as("already being written").isFalse();
        releaseFirst.countDown();
        assertThat(answerOf(first.answer())).isEqualTo("ok first");
    }
}
