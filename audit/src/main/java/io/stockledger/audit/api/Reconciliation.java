package io.stockledger.audit.api;

import java.util.function.Consumer;

/**
 * Replays the event store and compares every ledger of a scope with the balance read model ({@code stock_balance})
 * and with the sum of its movement journal ({@code stock_movement}), reporting every difference. Read models follow
 * the store a little behind, so each is compared at the sequence number it has reached, and only what the read-model
 * processor has certainly passed is expected to be there: a live, healthy system reconciles clean.
 */
public interface Reconciliation {

    /** Runs to the end, handing each difference to {@code differences} as it is found. */
    void run(LedgerScope scope, ReplayProgress progress, Consumer<ReconciliationDifference> differences);
}
