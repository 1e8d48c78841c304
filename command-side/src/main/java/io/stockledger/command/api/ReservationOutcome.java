package io.stockledger.command.api;

import java.time.Instant;
import io.stockledger.events.LotQuantity;

import java.util.List;
import java.util.UUID;

/**
 * What a reservation command achieved. {@code replayed} is true when the ledger answered a repeated request from
 * memory and wrote nothing. {@code lots} are the lots the reservation was allocated from (a confirmation may
 * have shipped some units from other lots instead: the confirmed event and the movement journal say which).
 * {@code orderId} and {@code lineId} name the order line the reservation serves, if any.
 */
public record ReservationOutcome(
        UUID reservationId,
        StockLedgerId ledgerId,
        ReservationStatus status,
        int quantity,
        Instant createdAt,
        Instant expiresAt,
        boolean replayed,
        List<LotQuantity> lots,
        String orderId,
        String lineId) {

    /** The outcome of a reservation that serves no order. */
    public ReservationOutcome(UUID reservationId, StockLedgerId ledgerId, ReservationStatus status, int quantity,
                              Instant createdAt, Instant expiresAt, boolean replayed, List<LotQuantity> lots) {
        this(reservationId, ledgerId, status, quantity, createdAt, expiresAt, replayed, lots, null, null);
    }

    /** An outcome that does not say which lots hold the units. */
    public ReservationOutcome(UUID reservationId, StockLedgerId ledgerId, ReservationStatus status, int quantity,
                              Instant createdAt, Instant expiresAt, boolean replayed) {
        this(reservationId, ledgerId, status, quantity, createdAt, expiresAt, replayed, null);
    }
}
