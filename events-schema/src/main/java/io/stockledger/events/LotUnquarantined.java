package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/** A quarantined lot was released: its units count as available again (unless the lot has expired meanwhile). */
@SchemaId("inventory.lot.unquarantined.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LotUnquarantined(
        UUID eventId,
        Instant timestamp,
        String traceId,
        UUID productId,
        UUID warehouseId,
        String requesterId,
        String batchNumber,
        String reason,
        int quantity) implements LedgerEvent {

    /** The event with its envelope's fields first and its own facts after. */
    public LotUnquarantined(EventEnvelope envelope, String batchNumber, String reason, int quantity) {
        this(envelope.eventId(), envelope.timestamp(), envelope.traceId(), envelope.productId(),
                envelope.warehouseId(), envelope.requesterId(), batchNumber, reason, quantity);
    }
}
