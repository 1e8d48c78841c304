package io.stockledger.command.dispatch;

import io.stockledger.command.api.ConfirmOrder;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.OrderBatch;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.stockledger.command.dispatch.GatewayCalls.answerOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Orders (commands spanning several ledgers) wait for an order slot in the dispatcher, in arrival order, holding
 * nothing meanwhile, and those that queued while the slots were busy go in together as one batch; single-ledger
 * commands never wait for one. Stand-in handlers on a real Axon command bus; each step waits for the state it needs
 * (a handler entered, an order queued), never for a time.
 */
class OrderQueueTest {

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final ConcurrencyConflictRetryScheduler retries = new ConcurrencyConflictRetryScheduler(
            Executors.newSingleThreadScheduledExecutor(), 3, () -> { });
    private final WriteWatchdog watchdog = new WriteWatchdog(Duration.ofSeconds(10), Duration.ofSeconds(60));
    private final RecordingBatchObserver observer = new RecordingBatchObserver();
    /** One order slot, four writers. */
    private final GroupCommitGateway gateway = new GroupCommitGateway(
            DefaultCommandGateway.builder().commandBus(bus).retryScheduler(retries), 128, 4, 1, observer, watchdog);

    /** The orders whose handler ran, in the order they ran, alone or in a batch. */
    private final List<String> ordersRun = Collections.synchronizedList(new ArrayList<>());
    /** The orders of each batch the batch handler got. */
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    /** Orders whose handler holds until released: entered, then waits for its latch. */
    private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> release = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        release.values().forEach(CountDownLatch::countDown);
        retries.close();
        watchdog.close();
    }

    /**
     * Orders named "refused…" are refused; in a batch, one named "poison…" fails the whole batch (as an order refused
     * after applying part of itself does) and one named "racing…" makes it lose an append race, while alone each is
     * confirmed.
     */
    private void ordersAndReservesAnswer() {
        bus.subscribe(ConfirmOrder.class.getName(), message -> confirm((ConfirmOrder) message.getPayload()));
        bus.subscribe(OrderBatch.class.getName(), message -> {
            List<CommandMessage<?>> members = ((OrderBatch) message.getPayload()).members();
            batches.add(members.stream().map(member -> ((ConfirmOrder) member.getPayload()).orderId()).toList());
            List<BatchMemberOutcome> outcomes = new ArrayList<>();
            for (CommandMessage<?> member : members) {
                ConfirmOrder order = (ConfirmOrder) member.getPayload();
                if (order.orderId().startsWith("poison")) {
                    throw new IllegalStateException("refused after applying part of itself");
                }
                if (order.orderId().startsWith("racing")) {
                    throw new ConcurrencyException("another instance appended to one of the batch's ledgers");
                }
                try {
                    outcomes.add(BatchMemberOutcome.answered(confirm(order)));
                } catch (LedgerRefusal refusal) {
                    outcomes.add(BatchMemberOutcome.refused(refusal));
                }
            }
            return outcomes;
        });
        bus.subscribe(ReserveStock.class.getName(), message -> "reserved "
                + ((ReserveStock) message.getPayload()).idempotencyKey());
    }

    private String confirm(ConfirmOrder confirm) throws LedgerRefusal, InterruptedException {
        String order = confirm.orderId();
        ordersRun.add(order);
        if (order.startsWith("refused")) {
            throw new InsufficientStockException(5, 1);
        }
        if (release.containsKey(order)) {
            entered.get(order).countDown();
            assertThat(release.get(order).await(30, TimeUnit.SECONDS)).isTrue();
        }
        return "confirmed " + order;
    }

    /** The order's handler will hold, once entered, until {@link #let} it go. */
    private void holds(String order) {
        entered.put(order, new CountDownLatch(1));
        release.put(order, new CountDownLatch(1));
    }

    private void let(String order) {
        release.get(order).countDown();
    }

    private CompletableFuture<Object> send(Object command) {
        return GatewayCalls.sendFromOwnThread(gateway, command);
    }

    /** Sends the order and returns once it runs, holding the one slot. */
    private CompletableFuture<Object> holdingTheSlot(String order) throws InterruptedException {
        holds(order);
        CompletableFuture<Object> answer = send(new ConfirmOrder(order));
        assertThat(entered.get(order).await(10, TimeUnit.SECONDS)).as("%s entered its handler", order).isTrue();
        return answer;
    }

    /** Sends the order and returns once it waits for a slot, the {@code position}-th in the queue. */
    private CompletableFuture<Object> queuedForASlot(String order, int position) throws InterruptedException {
        CompletableFuture<Object> answer = send(new ConfirmOrder(order));
        GatewayCalls.awaitCount(gateway::waitingOrders, position, "orders waiting for a slot");
        return answer;
    }

    @Test
    void anOrderWaitsForASlotWhileSingleLedgerCommandsGoOnAndRunsWhenTheSlotIsFree() throws Exception {
        ordersAndReservesAnswer();
        CompletableFuture<Object> first = holdingTheSlot("first");

        CompletableFuture<Object> second = queuedForASlot("second", 1);

        assertThat(ordersRun).as("the second order waits: its handler has not run").containsExactly("first");
        assertThat(second).isNotDone();
        StockLedgerId sku = new StockLedgerId(UUID.randomUUID(), UUID.randomUUID());
        assertThat(gateway.send(new ReserveStock(sku, UUID.randomUUID(), 1, Duration.ofMinutes(5), "single"))
                .get(10, TimeUnit.SECONDS)).as("a single-ledger command needs no order slot").isEqualTo("reserved single");
        assertThat(second).isNotDone();

        let("first");
        assertThat(answerOf(first)).isEqualTo("confirmed first");
        assertThat(answerOf(second)).isEqualTo("confirmed second");
        assertThat(ordersRun).containsExactly("first", "second");
        assertThat(batches).as("one order waited: it went alone").isEmpty();
        assertThat(gateway.waitingOrders()).isZero();
        assertThat(observer.slotWaits).as("each order told how long it waited").hasSize(2);
    }

    /**
     * One order holds the slot while these queue behind it, in this order; then it is let go and has its answer.
     * Returns the queued orders' answers.
     */
    private List<CompletableFuture<Object>> queuedBehindOneThenLetGo(String... orders) throws Exception {
        ordersAndReservesAnswer();
        CompletableFuture<Object> first = holdingTheSlot("first");
        List<CompletableFuture<Object>> queued = new ArrayList<>();
        for (String order : orders) {
            queued.add(queuedForASlot(order, queued.size() + 1));
        }
        let("first");
        assertThat(answerOf(first)).isEqualTo("confirmed first");
        return queued;
    }

    @Test
    void ordersThatQueuedWhileTheSlotWasBusyGoTogetherInArrivalOrderEachWithItsOwnAnswer() throws Exception {
        List<CompletableFuture<Object>> queued = queuedBehindOneThenLetGo("o1", "o2", "refused-o3", "o4", "o5");

        for (int i = 1; i <= 5; i++) {
            if (i == 3) {
                assertThatThrownBy(() -> answerOf(queued.get(2))).as("a refusal is its own order's answer only")
                        .hasRootCauseInstanceOf(InsufficientStockException.class);
            } else {
                assertThat(answerOf(queued.get(i - 1))).isEqualTo("confirmed o" + i);
            }
        }
        assertThat(batches).containsExactly(List.of("o1", "o2", "refused-o3", "o4", "o5"));
        assertThat(ordersRun).containsExactly("first", "o1", "o2", "refused-o3", "o4", "o5");
        assertThat(observer.orderWrites).containsExactly(1, 5);
        assertThat(observer.slotWaits).as("each order told how long it waited").hasSize(6);
    }

    @Test
    void aBatchThatFailsAsAWholeIsSentAgainOneOrderAtATime() throws Exception {
        List<CompletableFuture<Object>> queued = queuedBehindOneThenLetGo("o1", "poison", "o2");

        assertThat(answerOf(queued.get(0))).isEqualTo("confirmed o1");
        assertThat(answerOf(queued.get(1))).as("alone, the order that failed its batch is decided on its own")
                .isEqualTo("confirmed poison");
        assertThat(answerOf(queued.get(2))).isEqualTo("confirmed o2");
        assertThat(batches).containsExactly(List.of("o1", "poison", "o2"));
        assertThat(ordersRun).containsExactly("first", "o1", "o1", "poison", "o2");
        assertThat(observer.orderSplits).hasValue(1);
    }

    @Test
    void aBatchThatLostARaceIsNotRetriedWholeButSentAgainOneOrderAtATime() throws Exception {
        List<CompletableFuture<Object>> queued = queuedBehindOneThenLetGo("racing", "o1");

        assertThat(answerOf(queued.get(0))).isEqualTo("confirmed racing");
        assertThat(answerOf(queued.get(1))).isEqualTo("confirmed o1");
        assertThat(batches).as("the batch was tried once, not retried whole").containsExactly(List.of("racing", "o1"));
        assertThat(observer.orderSplits).hasValue(1);
    }

    @Test
    void aBatchHoldsNoMoreOrdersThanTheCap() throws Exception {
        fiveOrdersQueuedBehindOneWith(2);

        assertThat(batches).containsExactly(List.of("o1", "o2"), List.of("o3", "o4"));
        assertThat(observer.orderWrites).containsExactly(1, 2, 2, 1);
    }

    /** With scale-out the service caps batches of orders at one: every order goes alone, in arrival order. */
    @Test
    void withACapOfOneEveryOrderGoesAlone() throws Exception {
        fiveOrdersQueuedBehindOneWith(1);

        assertThat(batches).isEmpty();
        assertThat(ordersRun).containsExactly("first", "o1", "o2", "o3", "o4", "o5");
        assertThat(observer.orderWrites).containsExactly(1, 1, 1, 1, 1, 1);
    }

    /** Through a gateway with this cap on orders per batch: one order holds the slot while five queue, then all go. */
    private void fiveOrdersQueuedBehindOneWith(int maxOrderBatch) throws Exception {
        GroupCommitGateway capped = new GroupCommitGateway(
                DefaultCommandGateway.builder().commandBus(bus).retryScheduler(retries), 128, 4, 1, maxOrderBatch,
                observer, watchdog, StoredLedgers.NONE);
        ordersAndReservesAnswer();
        holds("first");
        CompletableFuture<Object> first = GatewayCalls.sendFromOwnThread(capped, new ConfirmOrder("first"));
        assertThat(entered.get("first").await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Object>> queued = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            queued.add(GatewayCalls.sendFromOwnThread(capped, new ConfirmOrder("o" + i)));
            GatewayCalls.awaitCount(capped::waitingOrders, i, "orders waiting for a slot");
        }

        let("first");

        answerOf(first);
        for (int i = 0; i < 5; i++) {
            assertThat(answerOf(queued.get(i))).isEqualTo("confirmed o" + (i + 1));
        }
    }

    @Test
    void aRefusedOrderGivesItsSlotBack() throws Exception {
        ordersAndReservesAnswer();

        assertThatThrownBy(() -> answerOf(send(new ConfirmOrder("refused-1"))))
                .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(InsufficientStockException.class);
        assertThatThrownBy(() -> answerOf(send(new ConfirmOrder("refused-2"))))
                .as("the one slot was given back, else this would never run").isInstanceOf(ExecutionException.class);
        assertThat(answerOf(send(new ConfirmOrder("after")))).isEqualTo("confirmed after");
        assertThat(ordersRun).containsExactly("refused-1", "refused-2", "after");
    }
}
