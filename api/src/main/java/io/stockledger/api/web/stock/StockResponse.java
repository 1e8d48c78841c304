package io.stockledger.api.web.stock;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.api.web.AnsweredWarehouseId;
import io.stockledger.query.api.StockBalanceView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** {@code GET /v1/stock/{product_id}/{warehouse_id}}: the seed's balance fields. */
@Schema(name = "StockBalance", description = "The balance of a product in a warehouse.")
public record StockResponse(
        @AnsweredProductId UUID productId,
        @AnsweredWarehouseId UUID warehouseId,
        @OnHandFigure long onHand,
        @ReservedFigure long reserved,
        @AvailableFigure long available,
        @Schema(requiredMode = REQUIRED, description = """
                Unreserved units in quarantined or expired lots: on hand, but never available.""", example = "8")
        long blocked,
        @Schema(requiredMode = REQUIRED, description = """
                Units shipped to this warehouse by transfers not yet received (not part of `on_hand`).""",
                example = "0")
        long inTransitIn,
        @Schema(requiredMode = REQUIRED, description = """
                Units this warehouse shipped by transfers not yet received or returned (no longer in `on_hand`).""",
                example = "0")
        long inTransitOut) {

    public static StockResponse of(StockBalanceView view) {
        return new StockResponse(view.productId(), view.warehouseId(), view.onHand(), view.reserved(),
                view.available(), view.blocked(), view.inTransitIn(), view.inTransitOut());
    }
}
