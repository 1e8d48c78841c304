package io.stockledger.command.api;

import java.util.UUID;

/**
 * A new reservation was asked for under an id this ledger already holds. The service generates fresh ids, so this
 * means a caller bug; accepting it would overwrite the first reservation and strand its units.
 */
public final class ReservationIdTakenException extends ReservationRefusal {

    public ReservationIdTakenException(UUID reservationId) {
        super(RefusalCode.RESERVATION_ID_TAKEN, reservationId, "reservation id " + reservationId + " is already taken");
    }
}
