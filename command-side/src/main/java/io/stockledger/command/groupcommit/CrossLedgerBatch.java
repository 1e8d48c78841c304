package io.stockledger.command.groupcommit;

import io.stockledger.command.api.StockLedgerId;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Batches for several ledgers, written in one unit of work and one database transaction: each ledger is loaded and
 * decides its own batch exactly as it would alone, and all their events are appended and committed together. The
 * answer is one {@link LedgerBatchResult} per batch, in order.
 *
 * <p>Only the dispatcher builds these (group commit across ledgers in {@code GroupCommitGateway}), from
 * ledgers' batches that queued while the service's writers were busy. It is all or nothing: if anything but a
 * member's refusal fails (a race on one of the ledgers, a key the request registry finds used), nothing of it is
 * written and the dispatcher writes each ledger's batch again on its own. Never serialised.
 *
 * @param batches one per ledger, no ledger twice
 */
public record CrossLedgerBatch(List<LedgerCommandBatch> batches) {

    public CrossLedgerBatch {
        if (batches == null) {
            throw new IllegalArgumentException("batches is required");
        }
        batches = List.copyOf(batches);
        if (batches.isEmpty()) {
            throw new IllegalArgumentException("a cross-ledger batch has at least one ledger's batch");
        }
        Set<StockLedgerId> ledgers = new HashSet<>();
        for (LedgerCommandBatch batch : batches) {
            if (!ledgers.add(batch.ledgerId())) {
                throw new IllegalArgumentException("two batches for " + batch.ledgerId());
            }
        }
    }
}
