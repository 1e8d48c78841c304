package io.stockledger.query.api;

import java.util.UUID;

/** Asks for the balance of one product in one warehouse. Answered with an optional {@link StockBalanceView}. */
public record FindStockBalance(UUID productId, UUID warehouseId) {
}
