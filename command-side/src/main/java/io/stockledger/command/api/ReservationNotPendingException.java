package io.stockledger.command.api;

import java.util.UUID;

/**
 * The reservation already reached a terminal state that the command cannot move it out of. An expiry the ledger still
 * remembers says when it happened ({@link ReservationExpiredException}); the code is {@code RESERVATION_} and the
 * state either way.
 */
public sealed class ReservationNotPendingException extends ReservationRefusal permits ReservationExpiredException {

    private final ReservationStatus status;

    public ReservationNotPendingException(UUID reservationId, ReservationStatus status, String attempted) {
        this("cannot " + attempted + " reservation " + reservationId + ": it is already " + status, reservationId,
                status);
    }

    /** For a subclass that says more about how the reservation got there. */
    ReservationNotPendingException(String message, UUID reservationId, ReservationStatus status) {
        super(RefusalCode.reservationIs(status), reservationId, message);
        this.status = status;
    }

    public ReservationStatus status() {
        return status;
    }
}
