package io.stockledger.query.api;

import java.time.Instant;
import io.stockledger.events.LotQuantity;

import java.util.List;
import java.util.UUID;

/**
 * One row of the movement journal: an event's effect on on hand and reserved, at its global position in the store.
 * {@code movementType} is the stored name (one of {@link io.stockledger.events.effect.MovementType}, or a newer kind this version does not
 * know); {@code reservationId}, {@code reason} and {@code note} are null where they do not apply. {@code lots} names
 * the lots whose units moved and how many of each (null for rows that move no units, and for rows written before
 * lots existed, which moved the default lot). {@code orderId} and {@code lineId} name the order and its line for the
 * movements of a reservation made for an order (null otherwise, and for rows written before the journal kept them).
 */
public record MovementView(long globalPosition, UUID eventId, UUID productId, UUID warehouseId, long sequenceNumber,
                           String movementType, int onHandDelta, int reservedDelta, UUID reservationId,
                           String reason, String note, String requesterId, String traceId, Instant occurredAt,
                           List<LotQuantity> lots, String orderId, String lineId) {

    /** A row of no order. */
    public MovementView(long globalPosition, UUID eventId, UUID productId, UUID warehouseId, long sequenceNumber,
                        String movementType, int onHandDelta, int reservedDelta, UUID reservationId, String reason,
                        String note, String requesterId, String traceId, Instant occurredAt, List<LotQuantity> lots) {
        this(globalPosition, eventId, productId, warehouseId, sequenceNumber, movementType, onHandDelta,
                reservedDelta, reservationId, reason, note, requesterId, traceId, occurredAt, lots, null, null);
    }

    /** A row that names no lots (it moved no units, or was written before lots existed). */
    public MovementView(long globalPosition, UUID eventId, UUID productId, UUID warehouseId, long sequenceNumber,
                        String movementType, int onHandDelta, int reservedDelta, UUID reservationId, String reason,
                        String note, String requesterId, String traceId, Instant occurredAt) {
        this(globalPosition, eventId, productId, warehouseId, sequenceNumber, movementType, onHandDelta,
                reservedDelta, reservationId, reason, note, requesterId, traceId, occurredAt, null, null, null);
    }
}
