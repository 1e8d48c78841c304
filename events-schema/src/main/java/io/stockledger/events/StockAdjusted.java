package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * On hand corrected by a signed {@code quantity} for a stated reason (COUNT_CORRECTION, DAMAGE, LOSS, FOUND, ...).
 * {@code batch_number} is the lot the request named (null: none named); {@code lots} is where the units were
 * actually added or taken, as positive amounts.
 */
@SchemaId("inventory.stock.adjusted.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StockAdjusted(
        UUID eventId,
        Instant timestamp,
        String traceId,
        UUID productId,
        UUID warehouseId,
        String requesterId,
        int quantity,
        String reason,
        String note,
        String idempotencyKey,
        String batchNumber,
        List<LotQuantity> lots) implements LedgerEvent {

    /** The shape before lots existed: everything happened in the default lot. */
    public StockAdjusted(EventEnvelope envelope, int quantity, String reason, String note, String idempotencyKey) {
        this(envelope, quantity, reason, note, idempotencyKey, null, null);
    }

    /** The event with its envelope's fields first and its own facts after. */
    public StockAdjusted(EventEnvelope envelope, int quantity, String reason, String note, String idempotencyKey,
                         String batchNumber, List<LotQuantity> lots) {
        this(envelope.eventId(), envelope.timestamp(), envelope.traceId(), envelope.productId(),
                envelope.warehouseId(), envelope.requesterId(), quantity, reason, note, idempotencyKey, batchNumber,
                lots);
    }
}
