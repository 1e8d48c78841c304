package io.stockledger.audit.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A ledger's balance at {@code asOf}, folded from the event store. {@code sequenceNumber} is the last event applied,
 * or null when every event of the ledger happened after {@code asOf} (the balance is then all zeros). {@code blocked}
 * is the unreserved stock then in quarantined lots or in lots expired by that date, and
 * {@code available = onHand - reserved - blocked}, as the live balance computes them.
 */
public record BalanceAsOfView(UUID productId, UUID warehouseId, Instant asOf, long onHand, long reserved,
                              long available, Long sequenceNumber, long blocked) {
}
