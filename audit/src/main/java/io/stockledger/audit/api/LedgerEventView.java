package io.stockledger.audit.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event as the event store holds it: its place in the ledger ({@code sequenceNumber}) and in the whole store
 * ({@code globalPosition}), its type (the payload class's simple name) and schema id (null for a type this version
 * does not know), the store's timestamp, the stored JSON payload unchanged, and who caused it and why.
 */
public record LedgerEventView(long sequenceNumber, long globalPosition, String eventType, String schemaId,
                              Instant timestamp, JsonNode payload, Metadata metadata) {

    /**
     * The actor (the token subject that caused the event) and trace id from the event's metadata; the idempotency
     * key and reason code from its payload, when it has them (else null); the event's hash in the ledger's hash chain
     * (null for an event written before the chain began).
     */
    public record Metadata(String actor, String traceId, String idempotencyKey, String reason, String chainHash) {
    }
}
