package io.stockledger.api.web.availability;

import io.stockledger.query.api.AvailabilityView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** {@code GET /v1/availability}: what is available of each product asked for. */
@Schema(name = "Availability", description = "What is available of each product asked for, per warehouse.")
public record AvailabilityResponse(
        @Schema(requiredMode = REQUIRED, description = """
                One entry per distinct product asked for, in the order the products were first named (a product \
                named twice is answered once).""")
        List<ProductAvailabilityResponse> products) {

    static AvailabilityResponse of(List<AvailabilityView> views) {
        return new AvailabilityResponse(views.stream().map(ProductAvailabilityResponse::of).toList());
    }
}
