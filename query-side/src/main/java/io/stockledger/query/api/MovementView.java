package io.stockledger.query.api;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the movement journal: an event's effect on on hand and reserved, at its global position in the store.
 * {@code movementType} is the stored name (one of {@link MovementType}, or a newer kind this version does not
 * know); {@code reservationId}, {@code reason} and {@code note} are null where they do not apply.
 */
public record MovementView(long globalPosition, UUID eventId, UUID productId, UUID warehouseId, long sequenceNumber,
                           String movementType, int onHandDelta, int reservedDelta, UUID reservationId,
                           String reason, String note, String requesterId, String traceId, Instant occurredAt) {
}
