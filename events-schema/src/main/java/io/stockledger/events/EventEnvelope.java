package io.stockledger.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields every {@link LedgerEvent} starts with, as one value, for code that writes events: each event type has a
 * constructor taking the envelope before its own facts, so a writer states who, when and where once per event rather
 * than six arguments at a time. Not a wire type: in JSON the envelope's fields stay top-level fields of each event.
 */
public record EventEnvelope(
        UUID eventId,
        Instant timestamp,
        String traceId,
        UUID productId,
        UUID warehouseId,
        String requesterId) {
}
