package io.stockledger.query.api;

import java.util.UUID;

/** A product in a warehouse, as the read side names a ledger. */
public record LedgerRef(UUID productId, UUID warehouseId) {
}
