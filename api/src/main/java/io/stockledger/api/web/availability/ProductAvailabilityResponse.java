package io.stockledger.api.web.availability;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.query.api.AvailabilityView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** One product of {@code GET /v1/availability}: its total and its warehouses. */
@Schema(name = "ProductAvailability", description = "What is available of a product, in total and per warehouse.")
public record ProductAvailabilityResponse(
        @AnsweredProductId UUID productId,
        @Schema(requiredMode = REQUIRED, description = """
                The sum of the warehouses' `available`; 0 for a product with no stock ledger (in the warehouse \
                asked for).""", example = "145")
        long available,
        @Schema(requiredMode = REQUIRED, description = """
                Each warehouse where the product has a stock ledger (in warehouse id order); empty when it has \
                none.""")
        List<WarehouseAvailabilityResponse> warehouses) {

    static ProductAvailabilityResponse of(AvailabilityView view) {
        return new ProductAvailabilityResponse(view.productId(), view.available(),
                view.warehouses().stream().map(WarehouseAvailabilityResponse::of).toList());
    }
}
