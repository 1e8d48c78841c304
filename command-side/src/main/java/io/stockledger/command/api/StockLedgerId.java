package io.stockledger.command.api;

import io.stockledger.events.LedgerId;

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
        return LedgerId.parse(aggregateIdentifier, StockLedgerId::new);
    }

    @Override
    public String toString() {
        return LedgerId.format(productId, warehouseId);
    }
}
