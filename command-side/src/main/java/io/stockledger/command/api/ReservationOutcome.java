package io.stockledger.command.api;

import java.time.Instant;
import java.util.UUID;

/**
 * What a reservation command achieved. {@code replayed} is true when the ledger answered a repeated request from
 * memory and wrote nothing.
 */
public record ReservationOutcome(
        UUID reservationId,
        StockLedgerId ledgerId,
        ReservationStatus status,
        int quantity,
        Instant createdAt,
        Instant expiresAt,
        boolean replayed) {
}
