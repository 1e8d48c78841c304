package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Stock set aside for an order: reserved grows by {@code quantity} until the reservation is confirmed, released
 * or expires at {@code expires_at}. The subject name {@code inventory.reserve.request} is the seed contract's.
 */
@SchemaId("inventory.reserve.request.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReservationRequested(
        UUID eventId,
        Instant timestamp,
        String traceId,
        UUID productId,
        UUID warehouseId,
        String requesterId,
        UUID reservationId,
        int quantity,
        int ttlSeconds,
        Instant expiresAt,
        String idempotencyKey,
        List<LotQuantity> lots,
        LocalDate minExpiryDate,
        String orderId,
        String lineId) implements LedgerEvent {

    /** The shape before lots existed: everything happened in the default lot. */
    public ReservationRequested(EventEnvelope envelope, UUID reservationId, int quantity, int ttlSeconds,
                                Instant expiresAt, String idempotencyKey) {
        this(envelope, reservationId, quantity, ttlSeconds, expiresAt, idempotencyKey, null, null);
    }

    /** The event with its envelope's fields first and its own facts after; not part of an order. */
    public ReservationRequested(EventEnvelope envelope, UUID reservationId, int quantity, int ttlSeconds,
                                Instant expiresAt, String idempotencyKey, List<LotQuantity> lots,
                                LocalDate minExpiryDate) {
        this(envelope, reservationId, quantity, ttlSeconds, expiresAt, idempotencyKey, lots, minExpiryDate, null, null);
    }

    /** Not part of an order: every reservation before orders existed, and every single reservation. */
    public ReservationRequested(UUID eventId, Instant timestamp, String traceId, UUID productId, UUID warehouseId,
            String requesterId, UUID reservationId, int quantity, int ttlSeconds, Instant expiresAt,
            String idempotencyKey, List<LotQuantity> lots, LocalDate minExpiryDate) {
        this(eventId, timestamp, traceId, productId, warehouseId, requesterId, reservationId, quantity, ttlSeconds,
                expiresAt, idempotencyKey, lots, minExpiryDate, null, null);
    }

    /** A reservation made for a line of an order: the event names the order and the line. */
    public ReservationRequested(EventEnvelope envelope, UUID reservationId, int quantity, int ttlSeconds,
            Instant expiresAt, String idempotencyKey, List<LotQuantity> lots, LocalDate minExpiryDate, String orderId,
            String lineId) {
        this(envelope.eventId(), envelope.timestamp(), envelope.traceId(), envelope.productId(),
                envelope.warehouseId(), envelope.requesterId(), reservationId, quantity, ttlSeconds, expiresAt,
                idempotencyKey, lots, minExpiryDate, orderId, lineId);
    }
}
