package io.stockledger.api.web.reservation;

import io.stockledger.api.web.Uuids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/reserve}, with the seed contract's limits. */
public record ReserveRequest(
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String productId,
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String warehouseId,
        @NotNull @Min(1) @Max(1000) Integer quantity,
        @NotNull @Size(min = 32, max = 128) String idempotencyKey,
        @NotNull @Min(60) @Max(3600) Integer ttlSeconds) {
}
