package io.stockledger.query.api;

import java.time.Instant;
import java.util.UUID;

/** A reservation and its status as the read model last saw it. */
public record ReservationView(UUID reservationId, UUID productId, UUID warehouseId, int quantity, String status,
                              String requesterId, Instant createdAt, Instant expiresAt, Instant updatedAt) {
}
