package io.stockledger.query.api;

import io.stockledger.events.effect.MovementType;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Which movement journal rows to read: a product's, or an order's (every movement of the reservations made for its
 * lines, over all its products and warehouses), or a product's within an order; optionally only in one warehouse,
 * only those that occurred in {@code from}..{@code to} (both inclusive, either open), and only of one type. Null
 * means "any"; a product or an order must be named, so that a read never scans the whole journal.
 */
public record MovementFilter(UUID productId, UUID warehouseId, Instant from, Instant to, MovementType type,
                             String orderId) {

    /** A product's movements, of any order or none. */
    public MovementFilter(UUID productId, UUID warehouseId, Instant from, Instant to, MovementType type) {
        this(Objects.requireNonNull(productId, "productId"), warehouseId, from, to, type, null);
    }

    public MovementFilter {
        if (productId == null && orderId == null) {
            throw new IllegalArgumentException("a product or an order must be named");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
    }
}
