package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.UUID;

/**
 * The destination warehouse received a transfer: on hand here grows by {@code quantity}, into lots with the same
 * numbers and expiry as at the source. The transfer is complete.
 */
@SchemaId("inventory.transfer.received.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransferReceived(
        @JsonUnwrapped EventEnvelope envelope,
        UUID transferId,
        UUID fromWarehouseId,
        int quantity,
        List<ShippedLot> lots) implements LedgerEvent {
}
