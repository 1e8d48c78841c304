package io.stockledger.command.api;

/**
 * The ledger's own balance, straight from the aggregate (not from a read model). {@code blocked} is what sits in
 * quarantined or expired lots and is not reserved, so {@code onHand = available + reserved + blocked}.
 */
public record StockLevels(long onHand, long reserved, long available, long blocked) {

    /** Levels of a SKU with nothing blocked. */
    public StockLevels(long onHand, long reserved, long available) {
        this(onHand, reserved, available, 0);
    }
}
