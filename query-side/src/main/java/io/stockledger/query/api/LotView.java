package io.stockledger.query.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One lot as the read model sees it. {@code available} is what reservations could still take (0 for a blocked lot);
 * {@code status} is judged at the date the query asked for.
 */
public record LotView(UUID productId, UUID warehouseId, String batchNumber, LocalDate expiryDate, Instant receivedAt,
                      String location, BigDecimal unitCost, long quantity, long reserved, long available,
                      String status, String quarantineReason, Instant updatedAt) {
}
