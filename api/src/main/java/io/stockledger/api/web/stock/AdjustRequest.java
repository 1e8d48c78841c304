package io.stockledger.api.web.stock;

import io.stockledger.api.web.Uuids;
import io.stockledger.command.api.AdjustmentReason;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/adjust}: a signed, non-zero correction with its reason code. */
public record AdjustRequest(
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String productId,
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String warehouseId,
        @NotNull @Min(-1_000_000) @Max(1_000_000) Integer quantity,
        @NotNull AdjustmentReason reason,
        @NotNull @Size(min = 32, max = 128) String idempotencyKey,
        @Size(max = 500) String note) {
}
