package io.stockledger.query.api;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Asks what is available of several products at once, in every warehouse or in one ({@code warehouseId} null: all).
 * Answered with a list of {@link AvailabilityView}, one per distinct product, in the order the products were first
 * named: a product named twice is answered once, where it was first named.
 */
public record FindAvailability(List<UUID> productIds, UUID warehouseId) {

    public FindAvailability {
        productIds = List.copyOf(Objects.requireNonNull(productIds, "productIds"));
        if (productIds.isEmpty()) {
            throw new IllegalArgumentException("at least one product");
        }
    }
}
