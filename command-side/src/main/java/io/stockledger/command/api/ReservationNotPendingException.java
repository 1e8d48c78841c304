package io.stockledger.command.api;

import java.util.UUID;

/**
 * The reservation already reached a terminal state that the command cannot move it out of. An expiry the ledger still
 * remembers says when it happened ({@link ReservationExpiredException}); the code is {@code RESERVATION_} and the
 * state either way.
 */
public sealed class ReservationNotPendingException extends LedgerRefusal permits ReservationExpiredException {

    private final UUID reservationId;
    private final ReservationStatus status;

    public ReservationNotPendingException(UUID reservationId, ReservationStatus status, String attempted) {
        this("cannot " + attempted + " reservation " + reservationId + ": it is already " + status, reservationId,
                status);
    }

    /** For a subclass that says more about how the reservation got there. */
    ReservationNotPendingException(String message, UUID reservationId, ReservationStatus status) {
        super("RESERVATION_" + status.name(), Category.CONFLICT, message);
        this.reservationId = reservationId;
        this.status = status;
    }

    public UUID reservationId() {
        return reservationId;
    }

    public ReservationStatus status() {
        return status;
    }
}
