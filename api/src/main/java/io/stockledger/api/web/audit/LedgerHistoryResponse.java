package io.stockledger.api.web.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.audit.api.LedgerEventView;
import io.stockledger.audit.api.LedgerHistoryPage;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** {@code GET /v1/ledger/{product_id}/{warehouse_id}/events}: a page of a ledger's events from the event store. */
@Schema(name = "LedgerHistory", description = "A page of a ledger's events, in sequence order.")
public record LedgerHistoryResponse(
        @Schema(requiredMode = REQUIRED, description = "The events, in sequence order.")
        List<Event> events,
        @Schema(requiredMode = REQUIRED, types = {"integer", "null"}, format = "int64",
                description = """
                        Pass as `from_sequence` to get the next page; `null` when there is none. Sequence numbers \
                        never change, so following it walks the history exactly once, however many events are \
                        appended meanwhile.""")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        Long nextFromSequence) {

    static LedgerHistoryResponse of(LedgerHistoryPage page) {
        return new LedgerHistoryResponse(page.events().stream().map(Event::of).toList(), page.nextFromSequence());
    }

    @Schema(name = "LedgerEvent", description = "One event as the event store holds it.")
    public record Event(
            @Schema(requiredMode = REQUIRED, description = "Its number in the ledger, from 0, without gaps.",
                    example = "3")
            long sequenceNumber,
            @Schema(requiredMode = REQUIRED, description = "Its position in the whole event store.", example = "42")
            long globalPosition,
            @Schema(requiredMode = REQUIRED, description = "The event type.", example = "ReservationConfirmed")
            String eventType,
            @Schema(description = "Its schema id; absent for a type this version does not know.",
                    example = "inventory.reserve.confirmed.v1")
            String schemaId,
            @Schema(requiredMode = REQUIRED, description = "When the event store recorded it (millisecond precision).")
            Instant timestamp,
            @Schema(requiredMode = REQUIRED, implementation = Object.class, types = "object", description = """
                    The stored payload, unchanged: the event in its published JSON form (see the event schemas).""")
            JsonNode payload,
            @Schema(requiredMode = REQUIRED)
            Metadata metadata) {

        static Event of(LedgerEventView view) {
            LedgerEventView.Metadata metadata = view.metadata();
            return new Event(view.sequenceNumber(), view.globalPosition(), view.eventType(), view.schemaId(),
                    view.timestamp(), view.payload(), new Metadata(metadata.actor(), metadata.traceId(),
                    metadata.idempotencyKey(), metadata.reason(), metadata.chainHash()));
        }
    }

    @Schema(name = "LedgerEventMetadata", description = "Who caused the event, in which request, and why.")
    public record Metadata(
            @Schema(description = "The token subject that caused it, or the ledger itself for time-driven facts.",
                    example = "checkout-service")
            String actor,
            @CausingTraceId String traceId,
            @Schema(description = "The request's idempotency key, for events that have one.")
            String idempotencyKey,
            @AdjustmentReasonCode String reason,
            @Schema(description = """
                    The event's SHA-256 in the ledger's hash chain (docs/audit.md); absent for an event written \
                    before the chain began. Recording the last event's hash of a ledger outside the ledger lets a \
                    later audit prove that nothing up to it has changed.""",
                    example = "9f2c1e0b7a6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b")
            String chainHash) {
    }
}
