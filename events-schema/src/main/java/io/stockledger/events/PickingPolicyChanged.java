package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * The order in which the SKU's lots are allocated changed: {@code FEFO} (earliest expiry first) or {@code FIFO}
 * (earliest received first). A SKU without this event picks FEFO.
 */
@SchemaId("inventory.policy.changed.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PickingPolicyChanged(
        UUID eventId,
        Instant timestamp,
        String traceId,
        UUID productId,
        UUID warehouseId,
        String requesterId,
        String policy) implements LedgerEvent {

    /** The event with its envelope's fields first and its own facts after. */
    public PickingPolicyChanged(EventEnvelope envelope, String policy) {
        this(envelope.eventId(), envelope.timestamp(), envelope.traceId(), envelope.productId(),
                envelope.warehouseId(), envelope.requesterId(), policy);
    }
}
