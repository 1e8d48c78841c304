package io.stockledger.query.api;

import java.util.List;
import java.util.UUID;

/**
 * What a product has available, as the read models last saw it: per warehouse where it has a ledger, and in total
 * ({@code available} is the sum of the warehouses'). A product without any ledger (in the warehouse asked for) has
 * no warehouses and 0 available. Each warehouse's figures are those of {@link StockBalanceView}: {@code blocked} is
 * judged at the date of the query and {@code available = onHand - reserved - blocked}.
 */
public record AvailabilityView(UUID productId, long available, List<Warehouse> warehouses) {

    public AvailabilityView {
        warehouses = List.copyOf(warehouses);
    }

    /** The product in one warehouse. */
    public record Warehouse(UUID warehouseId, long onHand, long reserved, long available, long blocked) {
    }
}
