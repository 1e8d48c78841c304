package io.stockledger.api.web.stock;

import io.stockledger.api.web.BatchNumbers;
import io.stockledger.api.web.IdempotencyKeyField;
import io.stockledger.api.web.WarehouseIdField;
import io.stockledger.api.web.ProductIdField;
import io.stockledger.api.web.RequiredUuid;
import io.stockledger.command.api.AdjustmentReason;
import io.stockledger.api.web.text.StorableText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/adjust}: a signed, non-zero correction with its reason code. */
@Schema(description = "A correction of on-hand stock.")
public record AdjustRequest(
        @ProductIdField @RequiredUuid String productId,
        @WarehouseIdField @RequiredUuid String warehouseId,
        @Schema(description = "Signed change of on-hand units; never 0.", example = "-2")
        @NotNull @Min(-1_000_000) @Max(1_000_000) Integer quantity,
        @Schema(description = "Why stock changed.")
        @NotNull AdjustmentReason reason,
        @IdempotencyKeyField String idempotencyKey,
        @Schema(description = "Optional free text.", example = "forklift")
        @Size(max = 500) @StorableText String note,
        @Schema(description = """
                The lot to correct. Without it a gain goes to the default lot and a loss is taken from unreserved \
                units in picking order. A lot cannot go below what is reserved from it.""", example = "L-2026-11-A")
        @Pattern(regexp = BatchNumbers.PATTERN, message = BatchNumbers.MESSAGE) String batchNumber) {
}
