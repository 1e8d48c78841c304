package io.stockledger.api.web.reservation;

import io.stockledger.api.web.Uuids;
import java.time.LocalDate;
import io.stockledger.api.web.text.StorableText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/reserve}, with the seed contract's limits. */
@Schema(description = "A request to hold stock for a while.")
public record ReserveRequest(
        @Schema(format = "uuid", description = "Product identifier.", example = "0b5c9a3e-9d2f-4c47-a1c4-6f0d7f1b2c3d")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String productId,
        @Schema(format = "uuid", description = "Warehouse identifier.",
                example = "5f3e2d1c-0b9a-4f8e-8d7c-6b5a4f3e2d1c")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String warehouseId,
        @Schema(description = "Units to reserve.", example = "10")
        @NotNull @Min(1) @Max(1000) Integer quantity,
        @Schema(description = """
                Unique key of this request, chosen by the client; a retry sends the same one. Single-use forever.""",
                example = "key-7d1c1f0e-3b8e-4d55-9f0a-2c6b1e9d4a7f")
        @NotNull @Size(min = 32, max = 128) @StorableText String idempotencyKey,
        @Schema(description = "How long the reservation holds, in seconds, before it expires.", example = "300")
        @NotNull @Min(60) @Max(3600) Integer ttlSeconds,
        @Schema(description = """
                Only lots usable until at least this date (UTC), or that never expire, may be allocated. Give this \
                or `min_shelf_life_days`, not both.""", example = "2027-01-31")
        LocalDate minExpiryDate,
        @Schema(description = """
                Only lots usable for at least this many more days, or that never expire, may be allocated. Give \
                this or `min_expiry_date`, not both.""", example = "30")
        @Min(0) @Max(3650) Integer minShelfLifeDays) {
}
