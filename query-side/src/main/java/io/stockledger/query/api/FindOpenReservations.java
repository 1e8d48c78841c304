package io.stockledger.query.api;

import java.util.Objects;
import java.util.UUID;

/**
 * The pending reservations of one SKU, oldest first, at most {@code limit}; answered with a list of
 * {@link ReservationView} (those serving an order's line name the order).
 */
public record FindOpenReservations(UUID productId, UUID warehouseId, int limit) {

    public static final int MAX_LIMIT = 500;

    public FindOpenReservations {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(warehouseId, "warehouseId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }
}
