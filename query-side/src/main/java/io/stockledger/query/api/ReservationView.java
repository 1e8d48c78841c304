package io.stockledger.query.api;

import io.stockledger.events.LotQuantity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A reservation and its status as the read model last saw it, with the lots it was allocated from and, when it
 * serves a line of an order, the order and the line.
 */
public record ReservationView(UUID reservationId, UUID productId, UUID warehouseId, int quantity, String status,
                              String requesterId, Instant createdAt, Instant expiresAt, Instant updatedAt,
                              List<LotQuantity> lots, String orderId, String lineId) {
}
