package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reservation whose time ran out before it was confirmed: reserved shrinks by {@code quantity}.
 * {@code expired_at} is the reservation's deadline; {@code timestamp} is when the ledger recorded it.
 */
@SchemaId("inventory.reserve.expired.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReservationExpired(
        @JsonUnwrapped EventEnvelope envelope,
        UUID reservationId,
        int quantity,
        Instant expiredAt,
        List<LotQuantity> lots,
        String orderId,
        String lineId) implements LedgerEvent {

    /** The shape before lots existed: everything happened in the default lot. */
    public ReservationExpired(EventEnvelope envelope, UUID reservationId, int quantity, Instant expiredAt) {
        this(envelope, reservationId, quantity, expiredAt, null);
    }

    /** The event with its envelope's fields first and its own facts after; not part of an order. */
    public ReservationExpired(EventEnvelope envelope, UUID reservationId, int quantity, Instant expiredAt,
                              List<LotQuantity> lots) {
        this(envelope, reservationId, quantity, expiredAt, lots, null, null);
    }
}
