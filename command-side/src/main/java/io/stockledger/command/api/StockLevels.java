package io.stockledger.command.api;

/** The ledger's own balance, straight from the aggregate (not from a read model). */
public record StockLevels(long onHand, long reserved, long available) {
}
