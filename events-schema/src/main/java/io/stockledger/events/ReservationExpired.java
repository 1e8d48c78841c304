package io.stockledger.events;

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
        UUID eventId,
        Instant timestamp,
        String traceId,
        UUID productId,
        UUID warehouseId,
        String requesterId,
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

    /** Not part of an order: every reservation before orders existed, and every single reservation. */
    public ReservationExpired(UUID eventId, Instant timestamp, String traceId, UUID productId, UUID warehouseId,
            String requesterId, UUID reservationId, int quantity, Instant expiredAt, List<LotQuantity> lots) {
        this(eventId, timestamp, traceId, productId, warehouseId, requesterId, reservationId, quantity, expiredAt,
                lots, null, null);
    }

    /** A reservation made for a line of an order: the event names the order and the line. */
    public ReservationExpired(EventEnvelope envelope, UUID reservationId, int quantity, Instant expiredAt,
            List<LotQuantity> lots, String orderId, String lineId) {
        this(envelope.eventId(), envelope.timestamp(), envelope.traceId(), envelope.productId(),
                envelope.warehouseId(), envelope.requesterId(), reservationId, quantity, expiredAt, lots, orderId,
                lineId);
    }
}
