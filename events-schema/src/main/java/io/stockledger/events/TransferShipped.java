package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.UUID;

/**
 * The source warehouse shipped stock to another warehouse: on hand here shrinks by {@code quantity}, taken from the
 * listed lots, and the units are in transit until {@code inventory.transfer.received} (destination) or
 * {@code inventory.transfer.returned} (back here) ends the transfer. {@code batch_number} is the lot the request
 * named, null when the ledger chose the lots by its picking policy.
 */
@SchemaId("inventory.transfer.shipped.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransferShipped(
        @JsonUnwrapped EventEnvelope envelope,
        UUID transferId,
        UUID toWarehouseId,
        int quantity,
        String batchNumber,
        List<ShippedLot> lots,
        String idempotencyKey) implements LedgerEvent {
}
