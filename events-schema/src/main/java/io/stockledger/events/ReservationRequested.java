package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
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
        @JsonUnwrapped EventEnvelope envelope,
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
}
