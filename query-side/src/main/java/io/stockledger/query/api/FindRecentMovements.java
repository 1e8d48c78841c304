package io.stockledger.query.api;

import java.util.UUID;

/**
 * The movement journal in store order across every SKU, or every SKU of one warehouse (null: all): from global
 * position {@code fromPosition} on, or, when that is null, the latest rows; at most {@code limit} rows either way,
 * answered with a {@link MovementPage} in store order. What a live feed follows: unlike {@link FindMovements} it names
 * no product.
 */
public record FindRecentMovements(UUID warehouseId, Long fromPosition, int limit) {

    public static final int MAX_LIMIT = 1000;

    public FindRecentMovements {
        if (fromPosition != null && fromPosition < 0) {
            throw new IllegalArgumentException("fromPosition must not be negative: " + fromPosition);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }
}
