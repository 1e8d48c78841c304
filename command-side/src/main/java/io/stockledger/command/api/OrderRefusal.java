package io.stockledger.command.api;

/**
 * A ledger refused part of an order operation that must happen entirely or not at all (reserving or confirming an
 * order): unchecked on purpose, so Axon rolls the unit of work back and the parts already applied on other ledgers
 * are undone. {@link #refusal()} is what the client is told.
 */
public final class OrderRefusal extends RuntimeException {

    private final LedgerRefusal refusal;

    public OrderRefusal(LedgerRefusal refusal) {
        super(refusal.getMessage(), refusal, false, false);
        this.refusal = refusal;
    }

    public LedgerRefusal refusal() {
        return refusal;
    }
}
