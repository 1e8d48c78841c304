package io.stockledger.command.api;

import java.time.Instant;
import java.util.UUID;

/** The reservation's time ran out before it was confirmed; its units went back to available. */
public final class ReservationExpiredException extends LedgerRefusal {

    private final UUID reservationId;
    private final Instant expiredAt;

    public ReservationExpiredException(UUID reservationId, Instant expiredAt) {
        super("RESERVATION_EXPIRED", Category.CONFLICT,
                "reservation " + reservationId + " expired at " + expiredAt);
        this.reservationId = reservationId;
        this.expiredAt = expiredAt;
    }

    public UUID reservationId() {
        return reservationId;
    }

    public Instant expiredAt() {
        return expiredAt;
    }
}
