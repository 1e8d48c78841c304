package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields every {@link LedgerEvent} starts with, as one value: each event type's first component, so who, when and
 * where are declared once for all of them and a writer states them once per event rather than six arguments at a
 * time. Not a wire type: the events unwrap it, so in JSON its fields stay the first top-level fields of each event,
 * in this order and snake_case as before.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventEnvelope(
        UUID eventId,
        Instant timestamp,
        String traceId,
        UUID productId,
        UUID warehouseId,
        String requesterId) {
}
