package io.stockledger.api.web.lot;

import io.stockledger.api.web.BatchNumbers;
import io.stockledger.api.web.Uuids;
import io.stockledger.api.web.text.StorableText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of the quarantine commands: which lot, and why. */
@Schema(description = "A lot of a product in a warehouse, and the reason for acting on it.")
public record LotRequest(
        @Schema(format = "uuid", description = "Product identifier.", example = "0b5c9a3e-9d2f-4c47-a1c4-6f0d7f1b2c3d")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String productId,
        @Schema(format = "uuid", description = "Warehouse identifier.",
                example = "5f3e2d1c-0b9a-4f8e-8d7c-6b5a4f3e2d1c")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String warehouseId,
        @Schema(description = "Lot (batch) number.", example = "L-2026-11-A")
        @NotNull @Pattern(regexp = BatchNumbers.PATTERN, message = BatchNumbers.MESSAGE) String batchNumber,
        @Schema(description = "Why, for the audit trail.", example = "temperature excursion on truck 12")
        @NotBlank @Size(max = 500) @StorableText String reason) {
}
