package io.stockledger.command.api;

import java.util.UUID;

/** The reservation already reached a terminal state that the command cannot move it out of. */
public final class ReservationNotPendingException extends LedgerRefusal {

    private final UUID reservationId;
    private final ReservationStatus status;

    public ReservationNotPendingException(UUID reservationId, ReservationStatus status, String attempted) {
        super("RESERVATION_" + status.name(), Category.CONFLICT,
                "cannot " + attempted + " reservation " + reservationId + ": it is already " + status);
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
