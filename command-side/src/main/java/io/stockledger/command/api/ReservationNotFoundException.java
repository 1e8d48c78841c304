package io.stockledger.command.api;

import java.util.UUID;

/** No reservation with this id exists. */
public final class ReservationNotFoundException extends ReservationRefusal {

    public ReservationNotFoundException(UUID reservationId) {
        super(RefusalCode.RESERVATION_NOT_FOUND, reservationId, "no reservation " + reservationId);
    }
}
