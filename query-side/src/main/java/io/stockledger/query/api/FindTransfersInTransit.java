package io.stockledger.query.api;

import java.util.UUID;

/**
 * The transfers shipped and not yet received or returned, from or to a warehouse (null: any), oldest first, at most
 * {@code limit}; answered with a list of {@link TransferView}.
 */
public record FindTransfersInTransit(UUID warehouseId, int limit) {

    public static final int MAX_LIMIT = 500;

    public FindTransfersInTransit {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }
}
