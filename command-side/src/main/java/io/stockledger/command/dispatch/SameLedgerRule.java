package io.stockledger.command.dispatch;

import java.util.List;

/**
 * Batches for one ledger (the lanes): the later waiting commands for the leader's ledger, in arrival order, up to a
 * cap, stopping at one that may not be batched (it must wait for its own turn, after them). Commands for other
 * ledgers sharing the lane keep their places. A leader that may not be batched goes alone.
 */
record SameLedgerRule(int maxBatch) implements BatchRule<QueuedCommand> {

    @Override
    public Decision decide(List<QueuedCommand> batch, QueuedCommand candidate) {
        QueuedCommand leader = batch.getFirst();
        if (!leader.batchable() || batch.size() >= maxBatch) {
            return Decision.STOP;
        }
        if (!candidate.ledgerId().equals(leader.ledgerId())) {
            return Decision.SKIP;
        }
        return candidate.batchable() ? Decision.TAKE : Decision.STOP;
    }
}
