package io.stockledger.command.dispatch;

import io.stockledger.command.api.ConfirmOrder;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
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
 * nothing meanwhile; single-ledger commands never wait for one. Stand-in handlers on a real Axon command bus; each
 * step waits for the state it needs (a handler entered, an order queued), never for a time.
 */
class OrderSlotTest {

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final ConcurrencyConflictRetryScheduler retries = new ConcurrencyConflictRetryScheduler(
            Executors.newSingleThreadScheduledExecutor(), 3, () -> { });
    private final WriteWatchdog watchdog = new WriteWatchdog(Duration.ofSeconds(10), Duration.ofSeconds(60));
    private final RecordingBatchObserver observer = new RecordingBatchObserver();
    /** One order slot, four writers. */
    private final GroupCommitGateway gateway = new GroupCommitGateway(
            DefaultCommandGateway.builder().commandBus(bus).retryScheduler(retries), 128, 4, 1, observer, watchdog);

    /** The orders whose handler ran, in the order they ran. */
    private final List<String> ordersRun = Collections.synchronizedList(new ArrayList<>());
    /** Orders whose handler holds until released: entered, then waits for its latch. */
    private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> release = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        release.values().forEach(CountDownLatch::countDown);
        retries.close();
        watchdog.close();
    }

    private void ordersAndReservesAnswer() {
        bus.subscribe(ConfirmOrder.class.getName(), message -> {
            String order = ((ConfirmOrder) message.getPayload()).orderId();
            ordersRun.add(order);
            if (order.startsWith("refused")) {
                throw new InsufficientStockException(5, 1);
            }
            if (release.containsKey(order)) {
                entered.get(order).countDown();
                assertThat(release.get(order).await(30, TimeUnit.SECONDS)).isTrue();
            }
            return "confirmed " + order;
        });
        bus.subscribe(ReserveStock.class.getName(), message -> "reserved "
                + ((ReserveStock) message.getPayload()).idempotencyKey());
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
        assertThat(gateway.waitingOrders()).isZero();
        assertThat(observer.slotWaits).as("each order told how long it waited").hasSize(2);
    }

    @Test
    void waitingOrdersGetTheSlotInArrivalOrder() throws Exception {
        ordersAndReservesAnswer();
        CompletableFuture<Object> first = holdingTheSlot("first");
        List<CompletableFuture<Object>> queued = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            queued.add(queuedForASlot("o" + i, i));
        }

        let("first");

        answerOf(first);
        for (CompletableFuture<Object> each : queued) {
            answerOf(each);
        }
        assertThat(ordersRun).containsExactly("first", "o1", "o2", "o3", "o4", "o5");
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
