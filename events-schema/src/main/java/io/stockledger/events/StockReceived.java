package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Goods arrived in a warehouse: on hand grows by {@code quantity}. {@code unit_cost} is optional. */
@SchemaId("inventory.stock.received.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StockReceived(
        UUID eventId,
        Instant timestamp,
        String traceId,
        UUID productId,
        UUID warehouseId,
        String requesterId,
        int quantity,
        BigDecimal unitCost,
        String idempotencyKey) implements LedgerEvent {
}
