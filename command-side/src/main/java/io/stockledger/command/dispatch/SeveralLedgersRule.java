package io.stockledger.command.dispatch;

import java.util.List;

/**
 * Batches across ledgers (the writers' queue): the later waiting ledger writes that may share a transaction, until
 * the batch holds a cap of commands in all. Each ledger appears at most once, as its lane lets one write per ledger
 * at a time into this queue, so order between them does not matter and one that may not share is simply skipped.
 */
record SeveralLedgersRule(int maxCommands) implements BatchRule<PendingLedgerWrite> {

    @Override
    public Decision decide(List<PendingLedgerWrite> batch, PendingLedgerWrite candidate) {
        if (!batch.getFirst().mayShareTransaction()
                || batch.stream().mapToInt(PendingLedgerWrite::size).sum() >= maxCommands) {
            return Decision.STOP;
        }
        return candidate.mayShareTransaction() ? Decision.TAKE : Decision.SKIP;
    }
}
