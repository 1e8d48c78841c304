package io.stockledger.query.api;

import java.util.UUID;

/**
 * Lists the SKUs of a product (in every warehouse), of a warehouse (every product), or the one SKU of both, as the
 * balance read model holds them: at most {@code limit}, in product then warehouse order. Answered with a list of
 * {@link StockBalanceView}. At least one of the two ids is given: the console searches, it never lists everything.
 */
public record FindLedgers(UUID productId, UUID warehouseId, int limit) {

    public static final int MAX_LIMIT = 500;

    public FindLedgers {
        if (productId == null && warehouseId == null) {
            throw new IllegalArgumentException("a product, a warehouse or both");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }
}
