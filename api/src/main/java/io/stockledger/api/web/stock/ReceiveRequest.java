package io.stockledger.api.web.stock;

import io.stockledger.api.web.BatchNumbers;
import io.stockledger.api.web.IdempotencyKeyField;
import io.stockledger.api.web.WarehouseIdField;
import io.stockledger.api.web.ProductIdField;
import io.stockledger.api.web.RequiredUuid;
import io.stockledger.api.web.text.StorableText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Body of {@code POST /v1/receive}. {@code unit_cost} and the lot fields are optional. */
@Schema(description = "Goods that arrived.")
public record ReceiveRequest(
        @ProductIdField @RequiredUuid String productId,
        @WarehouseIdField @RequiredUuid String warehouseId,
        @Schema(description = "Units received.", example = "100")
        @NotNull @Min(1) @Max(1_000_000) Integer quantity,
        @IdempotencyKeyField String idempotencyKey,
        @Schema(description = "Optional cost of one unit: at most 11 integer digits and 4 decimals.",
                multipleOf = 0.0001, maximum = "99999999999.9999", example = "2.50")
        @DecimalMin("0") @Digits(integer = 11, fraction = 4) BigDecimal unitCost,
        @Schema(description = """
                Lot (batch) number the units belong to; absent for the SKU's default lot `DEFAULT`, which never \
                expires. Receiving into an existing lot adds to it.""", example = "L-2026-11-A")
        @Pattern(regexp = BatchNumbers.PATTERN, message = BatchNumbers.MESSAGE) String batchNumber,
        @Schema(description = """
                The lot's expiry date: the last day its units may be sold (UTC). Fixed by the lot's first receipt; \
                a later receipt may leave it out, but a different date is a 409 `LOT_EXPIRY_MISMATCH`.""",
                example = "2027-03-31")
        LocalDate expiryDate,
        @Schema(description = "Location code of the lot in the warehouse (bin, aisle).", example = "A-12-03")
        @Size(max = 64) @StorableText String location) {
}
