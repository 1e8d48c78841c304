package io.stockledger.command.dispatch;

import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.OrderBatch;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes what an order slot's turn brought: one order alone, or the orders that queued meanwhile as one
 * {@link OrderBatch} (one unit of work, one transaction), and answers each caller with exactly its own outcome.
 *
 * <p>A batch that lost an append race is retried whole, like a single order; if every retry loses, each order gets
 * that failure. A batch that fails as a whole for any other reason (an order refused after applying part of itself, a
 * key the registry finds used, a fault) wrote nothing, and its orders are sent again one by one, in order, so one bad
 * order takes no other down with it; an order is idempotent, so one whose batch's commit outcome was unknown is then
 * answered what it became.
 */
final class OrderWriter {

    private final LedgerWriter.Dispatch withRetries;
    private final BatchObserver observer;

    OrderWriter(LedgerWriter.Dispatch withRetries, BatchObserver observer) {
        this.withRetries = withRetries;
        this.observer = observer;
    }

    void write(List<QueuedCommand> waited) {
        // an order whose caller has given up never enters a transaction
        List<QueuedCommand> orders = new ArrayList<>(waited.size());
        for (QueuedCommand order : waited) {
            if (order.startWriting()) {
                observer.orderSlotWaited(order.nanosSinceQueued());
                orders.add(order);
            } else {
                order.drop();
            }
        }
        if (orders.isEmpty()) {
            return;
        }
        observer.written(BatchObserver.Batch.ORDERS, orders.size());
        if (orders.size() == 1 || !orders.stream().allMatch(QueuedCommand::batchable)) {
            orders.forEach(this::alone);
            return;
        }
        OrderBatch batch = new OrderBatch(orders.stream().<CommandMessage<?>>map(QueuedCommand::message).toList());
        CommandResultMessage<?> result = withRetries.andWait(GenericCommandMessage.asCommandMessage(batch));
        if (!result.isExceptional()) {
            List<?> outcomes = (List<?>) result.getPayload();
            for (int i = 0; i < orders.size(); i++) {
                orders.get(i).deliver(((BatchMemberOutcome) outcomes.get(i)).asAnswer());
            }
        } else if (ConcurrencyConflictRetryScheduler.isConcurrencyConflict(result.exceptionResult())) {
            orders.forEach(order -> order.deliver(result));
        } else {
            observer.split(BatchObserver.Batch.ORDERS, orders.size());
            orders.forEach(this::alone);
        }
    }

    private void alone(QueuedCommand order) {
        order.deliver(withRetries.andWait(order.message()));
    }
}
