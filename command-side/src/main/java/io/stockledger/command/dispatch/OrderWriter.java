package io.stockledger.command.dispatch;

import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.OrderBatch;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;

import java.util.List;

/**
 * Writes what an order slot's turn brought: one order alone, or the orders that queued meanwhile as one
 * {@link OrderBatch} (one unit of work, one transaction), and answers each caller with exactly its own outcome.
 *
 * <p>A batch is sent once. If it fails as a whole (an append race lost on any of its ledgers, a refusal decided on a
 * cached ledger behind the store, an order refused after applying part of itself, a key the registry finds used, a
 * fault), nothing of it was written, and its orders are sent again one by one, in order, each retried alone if it
 * loses a race: one bad order takes no other down with it, and a race on one ledger costs the batch one attempt, not
 * a retry of every order in it (with several instances writing the same SKUs, a batch over many ledgers would lose
 * again and again). An order is idempotent, so one whose batch's commit outcome was unknown is then answered what it
 * became.
 */
final class OrderWriter {

    private final LedgerWriter.Dispatch withRetries;
    private final LedgerWriter.Dispatch once;
    private final BatchObserver observer;

    /**
     * @param withRetries sends an order, retrying it when it lost an append race
     * @param once        sends a batch once
     */
    OrderWriter(LedgerWriter.Dispatch withRetries, LedgerWriter.Dispatch once, BatchObserver observer) {
        this.withRetries = withRetries;
        this.once = once;
        this.observer = observer;
    }

    void write(List<QueuedCommand> waited) {
        // an order whose caller has given up never enters a transaction
        List<QueuedCommand> orders = QueuedCommand.claimForWriting(waited);
        if (orders.isEmpty()) {
            return;
        }
        orders.forEach(order -> observer.orderSlotWaited(order.nanosSinceQueued()));
        observer.written(BatchObserver.Batch.ORDERS, orders.size());
        if (orders.size() == 1) {
            alone(orders.getFirst());
            return;
        }
        OrderBatch batch = new OrderBatch(orders.stream().<CommandMessage<?>>map(QueuedCommand::message).toList());
        CommandResultMessage<?> result = once.andWait(GenericCommandMessage.asCommandMessage(batch));
        if (result.isExceptional()) {
            observer.split(BatchObserver.Batch.ORDERS, orders.size());
            orders.forEach(this::alone);
            return;
        }
        List<?> outcomes = (List<?>) result.getPayload();
        for (int i = 0; i < orders.size(); i++) {
            orders.get(i).deliver(((BatchMemberOutcome) outcomes.get(i)).asAnswer());
        }
    }

    private void alone(QueuedCommand order) {
        order.deliver(withRetries.andWait(order.message()));
    }
}
