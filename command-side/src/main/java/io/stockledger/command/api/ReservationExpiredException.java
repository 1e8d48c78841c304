package io.stockledger.command.api;

import java.time.Instant;
import java.util.UUID;

/** The reservation's time ran out before it was confirmed; its units went back to available. */
public final class ReservationExpiredException extends ReservationNotPendingException {

    private final Instant expiredAt;

    public ReservationExpiredException(UUID reservationId, Instant expiredAt) {
        super("reservation " + reservationId + " expired at " + expiredAt, reservationId, ReservationStatus.EXPIRED);
        this.expiredAt = expiredAt;
    }

    public Instant expiredAt() {
        return expiredAt;
    }
}
