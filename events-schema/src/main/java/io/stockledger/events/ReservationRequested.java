package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
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
        String idempotencyKey) implements LedgerEvent {
}
