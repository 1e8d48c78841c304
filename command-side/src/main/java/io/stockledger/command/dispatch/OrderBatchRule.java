package io.stockledger.command.dispatch;

import java.util.List;

/**
 * Batches of orders (the order queue): the later waiting orders, in arrival order, up to a cap of orders. Any two
 * orders may share a unit of work (its ledgers are locked in their one fixed order before any order is decided), so
 * orders need not share a SKU to go together; on a hot SKU they mostly do.
 */
record OrderBatchRule(int maxOrders) implements BatchRule<QueuedCommand> {

    @Override
    public Decision decide(List<QueuedCommand> batch, QueuedCommand candidate) {
        if (!batch.getFirst().batchable() || batch.size() >= maxOrders) {
            return Decision.STOP;
        }
        return candidate.batchable() ? Decision.TAKE : Decision.SKIP;
    }
}
