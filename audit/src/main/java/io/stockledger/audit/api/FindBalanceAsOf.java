package io.stockledger.audit.api;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Asks the event store itself (not the balance read model) for one ledger's balance as it stood at {@code asOf}: its
 * events folded in sequence order, up to the last one whose own {@code timestamp} is at or before {@code asOf}.
 * Answered with an optional {@link BalanceAsOfView}, empty when the ledger has no event at all.
 */
public record FindBalanceAsOf(UUID productId, UUID warehouseId, Instant asOf) {

    public FindBalanceAsOf {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(warehouseId, "warehouseId");
        Objects.requireNonNull(asOf, "asOf");
    }
}
