package io.stockledger.query.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A SKU's balance as the read model last saw it; {@code asOfSequence} is the last ledger event applied.
 * {@code blocked} is the unreserved stock in quarantined or expired lots (judged at the date of the query), so
 * {@code available = onHand - reserved - blocked}. {@code inTransitIn} is stock shipped to this warehouse and not
 * yet received; {@code inTransitOut} is stock this warehouse shipped that has not arrived (or come back) yet. Neither
 * is part of on hand.
 */
public record StockBalanceView(UUID productId, UUID warehouseId, long onHand, long reserved, long available,
                               long asOfSequence, Instant updatedAt, long blocked, long inTransitIn,
                               long inTransitOut) {

    /** A balance with no lots blocked and nothing in transit. */
    public StockBalanceView(UUID productId, UUID warehouseId, long onHand, long reserved, long available,
                            long asOfSequence, Instant updatedAt) {
        this(productId, warehouseId, onHand, reserved, available, asOfSequence, updatedAt, 0, 0, 0);
    }
}
