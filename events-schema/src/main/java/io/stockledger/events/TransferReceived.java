package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The destination warehouse received a transfer: on hand here grows by {@code quantity}, into lots with the same
 * numbers and expiry as at the source. The transfer is complete.
 */
@SchemaId("inventory.transfer.received.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransferReceived(
        UUID eventId,
        Instant timestamp,
        String traceId,
        UUID productId,
        UUID warehouseId,
        String requesterId,
        UUID transferId,
        UUID fromWarehouseId,
        int quantity,
        List<ShippedLot> lots) implements LedgerEvent {

    /** The event with its envelope's fields first and its own facts after. */
    public TransferReceived(EventEnvelope envelope, UUID transferId, UUID fromWarehouseId, int quantity,
                            List<ShippedLot> lots) {
        this(envelope.eventId(), envelope.timestamp(), envelope.traceId(), envelope.productId(),
                envelope.warehouseId(), envelope.requesterId(), transferId, fromWarehouseId, quantity, lots);
    }
}
