package io.stockledger.api.web.stock;

import io.stockledger.api.web.Uuids;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** Body of {@code POST /v1/receive}. {@code unit_cost} is optional. */
public record ReceiveRequest(
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String productId,
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String warehouseId,
        @NotNull @Min(1) @Max(1_000_000) Integer quantity,
        @NotNull @Size(min = 32, max = 128) String idempotencyKey,
        @DecimalMin("0") @Digits(integer = 11, fraction = 4) BigDecimal unitCost) {
}
