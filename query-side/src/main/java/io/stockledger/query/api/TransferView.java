package io.stockledger.query.api;

import io.stockledger.events.ShippedLot;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A transfer between two warehouses: IN_TRANSIT after the source shipped it, then RECEIVED by the destination or
 * RETURNED to the source (with the destination's reason).
 */
public record TransferView(UUID transferId, UUID productId, UUID fromWarehouseId, UUID toWarehouseId, int quantity,
                           List<ShippedLot> lots, String status, String reason, String requesterId,
                           Instant shippedAt, Instant completedAt) {
}
