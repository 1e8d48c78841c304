package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * On hand corrected by a signed {@code quantity} for a stated reason (COUNT_CORRECTION, DAMAGE, LOSS, FOUND, ...).
 * {@code batch_number} is the lot the request named (null: none named); {@code lots} is where the units were
 * actually added or taken, as positive amounts.
 */
@SchemaId("inventory.stock.adjusted.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StockAdjusted(
        @JsonUnwrapped EventEnvelope envelope,
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

}
