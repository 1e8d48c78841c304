package io.stockledger.command.api;

import java.util.UUID;

/** A refusal about one reservation, which it names. */
public abstract sealed class ReservationRefusal extends LedgerRefusal
        permits ReservationNotFoundException, ReservationIdTakenException, ReservationNotPendingException,
                ReservedLotUnavailableException {

    private final UUID reservationId;

    ReservationRefusal(RefusalCode code, UUID reservationId, String message) {
        super(code, message);
        this.reservationId = reservationId;
    }

    public UUID reservationId() {
        return reservationId;
    }
}
