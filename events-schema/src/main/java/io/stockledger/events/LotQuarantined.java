package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * A lot was put in quarantine: its units stay on hand but are blocked, never available and never allocated, until
 * it is released. {@code quantity} is what the lot held at that moment, for the reader's convenience.
 */
@SchemaId("inventory.lot.quarantined.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LotQuarantined(
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
    public LotQuarantined(EventEnvelope envelope, String batchNumber, String reason, int quantity) {
        this(envelope.eventId(), envelope.timestamp(), envelope.traceId(), envelope.productId(),
                envelope.warehouseId(), envelope.requesterId(), batchNumber, reason, quantity);
    }
}
