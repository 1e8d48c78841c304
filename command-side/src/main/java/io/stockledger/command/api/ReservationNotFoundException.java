package io.stockledger.command.api;

import java.util.UUID;

/** No reservation with this id exists. */
public final class ReservationNotFoundException extends LedgerRefusal {

    private final UUID reservationId;

    public ReservationNotFoundException(UUID reservationId) {
        super("RESERVATION_NOT_FOUND", Category.NOT_FOUND, "no reservation " + reservationId);
        this.reservationId = reservationId;
    }

    public UUID reservationId() {
        return reservationId;
    }
}
