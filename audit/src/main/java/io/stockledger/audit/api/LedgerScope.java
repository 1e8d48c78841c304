package io.stockledger.audit.api;

import io.stockledger.events.LedgerId;

import java.util.UUID;

/**
 * Which ledgers an audit covers: every ledger (both null), one warehouse's (only {@code warehouseId}), or one ledger
 * (both). A product without its warehouse names no scope.
 */
public record LedgerScope(UUID productId, UUID warehouseId) {

    public LedgerScope {
        if (productId != null && warehouseId == null) {
            throw new IllegalArgumentException("a product names a scope only with its warehouse");
        }
    }

    public static LedgerScope everything() {
        return new LedgerScope(null, null);
    }

    public boolean isOneLedger() {
        return productId != null;
    }

    public boolean isOneWarehouse() {
        return productId == null && warehouseId != null;
    }

    /** The aggregate identifier of the one ledger, for a one-ledger scope. */
    public String aggregateIdentifier() {
        return LedgerId.format(productId, warehouseId);
    }
}
