package io.stockledger.command.ledger;

import io.stockledger.command.api.ReservationOutcome;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.events.LotQuantity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One reservation as the ledger remembers it, with the lots its units are held in, and the order line it serves if
 * any. Immutable: a status change makes a new value.
 */
record Reservation(
        UUID id,
        int quantity,
        String idempotencyKey,
        int ttlSeconds,
        Instant createdAt,
        Instant expiresAt,
        ReservationStatus status,
        List<LotQuantity> lots,
        LocalDate minExpiryDate,
        String orderId,
        String lineId) {

    /** The lots holding the units; a reservation from before lots (or its snapshot) holds the default lot. */
    List<LotQuantity> heldLots() {
        return LotQuantity.orDefault(lots, quantity);
    }

    boolean isPending() {
        return status == ReservationStatus.PENDING;
    }

    /** Time, not a background job, decides expiry: once {@code now >= expiresAt} it can no longer be confirmed. */
    boolean isOverdueAt(Instant now) {
        return isPending() && !now.isBefore(expiresAt);
    }

    Reservation settledAs(ReservationStatus terminal) {
        return new Reservation(id, quantity, idempotencyKey, ttlSeconds, createdAt, expiresAt, terminal, lots,
                minExpiryDate, orderId, lineId);
    }

    ReservationOutcome outcome(StockLedgerId ledgerId, boolean replayed) {
        return new ReservationOutcome(id, ledgerId, status, quantity, createdAt, expiresAt, replayed, heldLots(),
                orderId, lineId);
    }
}
