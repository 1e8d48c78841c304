package io.stockledger.api.web.stock;

import io.stockledger.api.web.BatchNumbers;
import io.stockledger.api.web.Uuids;
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
        @Schema(format = "uuid", description = "Product identifier.", example = "0b5c9a3e-9d2f-4c47-a1c4-6f0d7f1b2c3d")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String productId,
        @Schema(format = "uuid", description = "Warehouse identifier.",
                example = "5f3e2d1c-0b9a-4f8e-8d7c-6b5a4f3e2d1c")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String warehouseId,
        @Schema(description = "Signed change of on-hand units; never 0.", example = "-2")
        @NotNull @Min(-1_000_000) @Max(1_000_000) Integer quantity,
        @Schema(description = "Why stock changed.")
        @NotNull AdjustmentReason reason,
        @Schema(description = """
                Unique key of this request, chosen by the client; a retry sends the same one. Single-use forever.""",
                example = "key-7d1c1f0e-3b8e-4d55-9f0a-2c6b1e9d4a7f")
        @NotNull @Size(min = 32, max = 128) @StorableText String idempotencyKey,
        @Schema(description = "Optional free text.", example = "forklift")
        @Size(max = 500) @StorableText String note,
        @Schema(description = """
                The lot to correct. Without it a gain goes to the default lot and a loss is taken from unreserved \
                units in picking order. A lot cannot go below what is reserved from it.""", example = "L-2026-11-A")
        @Pattern(regexp = BatchNumbers.PATTERN, message = BatchNumbers.MESSAGE) String batchNumber) {
}
