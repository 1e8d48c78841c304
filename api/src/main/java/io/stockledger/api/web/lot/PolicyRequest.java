package io.stockledger.api.web.lot;

import io.stockledger.command.api.PickingPolicy;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /v1/stock/{product_id}/{warehouse_id}/picking-policy}. */
@Schema(description = "The order in which a SKU's lots are allocated.")
public record PolicyRequest(
        @Schema(description = """
                `FEFO`: earliest expiry first, lots without expiry last, ties by received-at (the default). \
                `FIFO`: earliest received first.""")
        @NotNull PickingPolicy policy) {
}
