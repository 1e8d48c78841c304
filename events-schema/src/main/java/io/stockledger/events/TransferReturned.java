package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.UUID;

/**
 * The destination refused a transfer, so the source took its units back into the lots they left: on hand here grows
 * by {@code quantity} again. {@code reason} says why the destination refused. The transfer is complete.
 */
@SchemaId("inventory.transfer.returned.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransferReturned(
        @JsonUnwrapped EventEnvelope envelope,
        UUID transferId,
        UUID toWarehouseId,
        int quantity,
        List<ShippedLot> lots,
        String reason) implements LedgerEvent {
}
