package io.stockledger.query.api;

import java.util.UUID;

/** Asks for one reservation. Answered with an optional {@link ReservationView}. */
public record FindReservation(UUID reservationId) {
}
