package io.stockledger.query.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A ledger's balance at {@code asOf}, folded from the event store. {@code sequenceNumber} is the last event applied,
 * or null when every event of the ledger happened after {@code asOf} (the balance is then all zeros).
 */
public record BalanceAsOfView(UUID productId, UUID warehouseId, Instant asOf, long onHand, long reserved,
                              long available, Long sequenceNumber) {
}
