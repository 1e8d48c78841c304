package io.stockledger.audit.api;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Asks the event store itself (not a read model) for one ledger's events, in sequence order: those numbered
 * {@code fromSequence} or later, recorded at or before {@code to} when it is given, at most {@code limit} of them.
 * Answered with an optional {@link LedgerHistoryPage}, empty when the ledger has no event at all.
 */
public record FindLedgerHistory(UUID productId, UUID warehouseId, long fromSequence, Instant to, int limit) {

    public static final int MAX_LIMIT = 1000;
    public static final int DEFAULT_LIMIT = 100;

    public FindLedgerHistory {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(warehouseId, "warehouseId");
        if (fromSequence < 0) {
            throw new IllegalArgumentException("fromSequence must not be negative: " + fromSequence);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }
}
