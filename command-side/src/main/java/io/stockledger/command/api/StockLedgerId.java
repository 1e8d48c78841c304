package io.stockledger.command.api;

import io.stockledger.events.LedgerId;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one stock ledger: a product in a warehouse (a SKU-location). Its string form is the aggregate
 * identifier in the event store, {@code <product_id>:<warehouse_id>}.
 *
 * <p>Ordered by that string form: a unit of work that takes several ledgers takes them in this order, so two of them
 * never wait for each other in a circle.
 */
public record StockLedgerId(UUID productId, UUID warehouseId) implements Comparable<StockLedgerId> {

    public StockLedgerId {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(warehouseId, "warehouseId");
    }

    public static StockLedgerId parse(String aggregateIdentifier) {
        return LedgerId.parse(aggregateIdentifier, StockLedgerId::new);
    }

    @Override
    public int compareTo(StockLedgerId other) {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString() {
        return LedgerId.format(productId, warehouseId);
    }
}
