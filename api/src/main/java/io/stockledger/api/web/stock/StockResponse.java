package io.stockledger.api.web.stock;

import io.stockledger.query.api.StockBalanceView;

import java.util.UUID;

/** {@code GET /v1/stock/{product_id}/{warehouse_id}}: the seed's balance fields. */
public record StockResponse(UUID productId, UUID warehouseId, long onHand, long reserved, long available) {

    static StockResponse of(StockBalanceView view) {
        return new StockResponse(view.productId(), view.warehouseId(), view.onHand(), view.reserved(),
                view.available());
    }
}
