package io.stockledger.api.web.lot;

import io.stockledger.api.web.BatchNumbers;
import io.stockledger.api.web.WarehouseIdField;
import io.stockledger.api.web.ProductIdField;
import io.stockledger.api.web.RequiredUuid;
import io.stockledger.api.web.text.StorableText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of the quarantine commands: which lot, and why. */
@Schema(description = "A lot of a product in a warehouse, and the reason for acting on it.")
public record LotRequest(
        @ProductIdField @RequiredUuid String productId,
        @WarehouseIdField @RequiredUuid String warehouseId,
        @Schema(description = "Lot (batch) number.", example = "L-2026-11-A")
        @NotNull @Pattern(regexp = BatchNumbers.PATTERN, message = BatchNumbers.MESSAGE) String batchNumber,
        @Schema(description = "Why, for the audit trail.", example = "temperature excursion on truck 12")
        @NotBlank @Size(max = 500) @StorableText String reason) {
}
