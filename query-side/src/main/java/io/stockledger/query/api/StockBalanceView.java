package io.stockledger.query.api;

import java.time.Instant;
import java.util.UUID;

/** A SKU's balance as the read model last saw it; {@code asOfSequence} is the last ledger event applied. */
public record StockBalanceView(UUID productId, UUID warehouseId, long onHand, long reserved, long available,
                               long asOfSequence, Instant updatedAt) {
}
