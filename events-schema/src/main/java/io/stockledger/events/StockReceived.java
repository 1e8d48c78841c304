package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Goods arrived in a warehouse: on hand grows by {@code quantity}, in the lot {@code batch_number} (the SKU's
 * default lot {@value LotQuantity#DEFAULT_BATCH} when absent). {@code unit_cost}, {@code expiry_date} and
 * {@code location} are optional; a lot's expiry is fixed by its first receipt.
 */
@SchemaId("inventory.stock.received.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StockReceived(
        @JsonUnwrapped EventEnvelope envelope,
        int quantity,
        BigDecimal unitCost,
        String idempotencyKey,
        String batchNumber,
        LocalDate expiryDate,
        String location) implements LedgerEvent {

    /** The shape before lots existed: everything happened in the default lot. */
    public StockReceived(EventEnvelope envelope, int quantity, BigDecimal unitCost, String idempotencyKey) {
        this(envelope, quantity, unitCost, idempotencyKey, null, null, null);
    }

}
