package io.stockledger.api.web.availability;

import io.stockledger.api.web.AnsweredWarehouseId;
import io.stockledger.api.web.stock.AvailableFigure;
import io.stockledger.api.web.stock.OnHandFigure;
import io.stockledger.api.web.stock.ReservedFigure;
import io.stockledger.query.api.AvailabilityView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A product in one warehouse, as {@code GET /v1/stock/{product_id}/{warehouse_id}} gives it (without transfers). */
@Schema(name = "WarehouseAvailability", description = """
        A product's balance in one warehouse: the figures of `GET /v1/stock/{product_id}/{warehouse_id}`.""")
public record WarehouseAvailabilityResponse(
        @AnsweredWarehouseId UUID warehouseId,
        @OnHandFigure long onHand,
        @ReservedFigure long reserved,
        @AvailableFigure long available,
        @Schema(requiredMode = REQUIRED, description = """
                Unreserved units in quarantined or expired lots (judged at today's date, UTC): on hand, but never \
                available.""", example = "8")
        long blocked) {

    static WarehouseAvailabilityResponse of(AvailabilityView.Warehouse view) {
        return new WarehouseAvailabilityResponse(view.warehouseId(), view.onHand(), view.reserved(),
                view.available(), view.blocked());
    }
}
