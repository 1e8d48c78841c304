package io.stockledger.api.web.reservation;

import io.stockledger.api.web.IdempotencyKeyField;
import io.stockledger.api.web.WarehouseIdField;
import io.stockledger.api.web.ProductIdField;
import io.stockledger.api.web.RequiredUuid;
import java.time.LocalDate;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /v1/reserve}, with the seed contract's limits. */
@Schema(description = "A request to hold stock for a while.")
public record ReserveRequest(
        @ProductIdField @RequiredUuid String productId,
        @WarehouseIdField @RequiredUuid String warehouseId,
        @Schema(description = "Units to reserve.", example = "10")
        @NotNull @Min(1) @Max(1000) Integer quantity,
        @IdempotencyKeyField String idempotencyKey,
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
