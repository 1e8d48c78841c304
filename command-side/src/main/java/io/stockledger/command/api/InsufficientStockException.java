package io.stockledger.command.api;

/** Fewer units are available than were asked for. */
public final class InsufficientStockException extends LedgerRefusal {

    private final int requested;
    private final long available;

    public InsufficientStockException(int requested, long available) {
        super(RefusalCode.INSUFFICIENT_STOCK, "requested " + requested + " but only " + available + " available");
        this.requested = requested;
        this.available = available;
    }

    public int requested() {
        return requested;
    }

    public long available() {
        return available;
    }
}
