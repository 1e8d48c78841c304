package io.stockledger.query.api;

import io.stockledger.events.effect.MovementType;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Which movement journal rows to read: a product's, optionally only in one warehouse, only those that occurred in
 * {@code from}..{@code to} (both inclusive, either open), and only of one type. Null means "any".
 */
public record MovementFilter(UUID productId, UUID warehouseId, Instant from, Instant to, MovementType type) {

    public MovementFilter {
        Objects.requireNonNull(productId, "productId");
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("to " + to + " is before from " + from);
        }
    }
}
