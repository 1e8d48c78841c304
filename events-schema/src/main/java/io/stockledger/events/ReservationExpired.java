package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
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
        Instant expiredAt) implements LedgerEvent {
}
