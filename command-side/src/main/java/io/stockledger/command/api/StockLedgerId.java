package io.stockledger.command.api;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one stock ledger: a product in a warehouse (a SKU-location). Its string form is the aggregate
 * identifier in the event store, {@code <product_id>:<warehouse_id>}.
 */
public record StockLedgerId(UUID productId, UUID warehouseId) {

    public StockLedgerId {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(warehouseId, "warehouseId");
    }

    public static StockLedgerId parse(String aggregateIdentifier) {
        int colon = aggregateIdentifier.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a stock ledger id: " + aggregateIdentifier);
        }
        return new StockLedgerId(UUID.fromString(aggregateIdentifier.substring(0, colon)),
                UUID.fromString(aggregateIdentifier.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return productId + ":" + warehouseId;
    }
}
