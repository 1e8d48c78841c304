package io.stockledger.command.groupcommit;

import java.util.List;

/**
 * What one ledger's batch in a {@link CrossLedgerBatch} got: one outcome per member, or, when the ledger does not
 * exist, nothing (none of its members was decided; the dispatcher sends them on their own, and each gets its own
 * answer for a missing ledger).
 */
public record LedgerBatchResult(List<BatchMemberOutcome> outcomes) {

    private static final LedgerBatchResult MISSING = new LedgerBatchResult(null);

    public static LedgerBatchResult decided(List<BatchMemberOutcome> outcomes) {
        if (outcomes == null) {
            throw new IllegalArgumentException("outcomes is required");
        }
        return new LedgerBatchResult(List.copyOf(outcomes));
    }

    public static LedgerBatchResult ledgerMissing() {
        return MISSING;
    }

    public boolean isLedgerMissing() {
        return outcomes == null;
    }
}
