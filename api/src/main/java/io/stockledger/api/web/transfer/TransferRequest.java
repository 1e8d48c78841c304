package io.stockledger.api.web.transfer;

import io.stockledger.api.web.BatchNumbers;
import io.stockledger.api.web.Uuids;
import io.stockledger.api.web.IdempotencyKeyField;
import io.stockledger.api.web.ProductIdField;
import io.stockledger.api.web.RequiredUuid;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /v1/transfers}. */
@Schema(description = "Stock to move from one warehouse to another.")
public record TransferRequest(
        @ProductIdField @RequiredUuid String productId,
        @Schema(format = "uuid", description = "Warehouse that ships.", example = "5f3e2d1c-0b9a-4f8e-8d7c-6b5a4f3e2d1c")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String fromWarehouseId,
        @Schema(format = "uuid", description = "Warehouse that receives; not the source.",
                example = "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String toWarehouseId,
        @Schema(description = "Units to move.", example = "20")
        @NotNull @Min(1) @Max(1_000_000) Integer quantity,
        @IdempotencyKeyField String idempotencyKey,
        @Schema(description = """
                Ship only from this lot. Without it the source's picking policy chooses among its usable lots.""",
                example = "L-2026-11-A")
        @Pattern(regexp = BatchNumbers.PATTERN, message = BatchNumbers.MESSAGE) String batchNumber) {
}
