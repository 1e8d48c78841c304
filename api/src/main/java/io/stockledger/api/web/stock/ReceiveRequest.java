package io.stockledger.api.web.stock;

import io.stockledger.api.web.BatchNumbers;
import io.stockledger.api.web.Uuids;
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
        @Schema(format = "uuid", description = "Product identifier.", example = "0b5c9a3e-9d2f-4c47-a1c4-6f0d7f1b2c3d")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String productId,
        @Schema(format = "uuid", description = "Warehouse identifier.",
                example = "5f3e2d1c-0b9a-4f8e-8d7c-6b5a4f3e2d1c")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String warehouseId,
        @Schema(description = "Units received.", example = "100")
        @NotNull @Min(1) @Max(1_000_000) Integer quantity,
        @Schema(description = """
                Unique key of this request, chosen by the client; a retry sends the same one. Single-use forever.""",
                example = "key-7d1c1f0e-3b8e-4d55-9f0a-2c6b1e9d4a7f")
        @NotNull @Size(min = 32, max = 128) @StorableText String idempotencyKey,
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
