package io.stockledger.command.api;

import java.util.UUID;

/**
 * A reservation's lot was quarantined or expired after it was reserved, and no other usable lot can stand in for it
 * at confirmation. The reservation stays pending: release it, or confirm once the lot is released from quarantine.
 */
public final class ReservedLotUnavailableException extends ReservationRefusal {

    public ReservedLotUnavailableException(UUID reservationId, String batchNumber, long shortfall) {
        super(RefusalCode.RESERVED_LOT_UNAVAILABLE, reservationId,
                "reservation " + reservationId + " holds units of lot " + batchNumber
                        + ", which is quarantined or expired, and no other usable lot can cover " + shortfall);
    }
}
