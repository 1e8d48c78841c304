package io.stockledger.api.web.lot;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.api.web.AnsweredWarehouseId;
import io.stockledger.command.api.PickingPolicy;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A SKU's picking policy after the change. */
@Schema(name = "PickingPolicy", description = "The picking policy of a product in a warehouse.")
public record PolicyResponse(
        @AnsweredProductId UUID productId,
        @AnsweredWarehouseId UUID warehouseId,
        @Schema(requiredMode = REQUIRED, description = "The policy now in force.") PickingPolicy policy) {
}
