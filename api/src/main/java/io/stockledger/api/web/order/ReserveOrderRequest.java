package io.stockledger.api.web.order;

import io.stockledger.api.web.Uuids;
import io.stockledger.command.api.SourcingRule;
import io.stockledger.api.web.text.StorableText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** Body of {@code POST /v1/orders/reserve}. */
@Schema(name = "ReserveOrder", description = "A whole order to reserve, every line or none.")
public record ReserveOrderRequest(
        @Schema(description = "The client's order id; single-use.", example = "web-2026-12-06:000417")
        @NotNull @Size(min = 1, max = 128) @Pattern(regexp = OrderIds.PATTERN, message = OrderIds.MESSAGE)
        String orderId,
        @Schema(description = """
                Unique key of this request, chosen by the client; a retry sends the same one. Single-use forever, \
                across every kind of request.""", example = "order-7d1c1f0e-3b8e-4d55-9f0a-2c6b1e9d4a7f")
        @NotNull @Size(min = 32, max = 128) @StorableText String idempotencyKey,
        @Schema(description = "How long every line's reservation holds, in seconds, before they expire together.",
                example = "900")
        @NotNull @Min(60) @Max(3600) Integer ttlSeconds,
        @Schema(description = """
                How lines that name no warehouse are sourced from `warehouse_ids`: `PRIORITY` (default: each line \
                from the first warehouse that can cover it, split over the next ones only when none can alone) or \
                `SINGLE_WAREHOUSE` (all of them from the first warehouse that can cover them all).""")
        SourcingRule sourcing,
        @Schema(description = """
                Where lines that name no warehouse of their own are taken from, in priority order (1..20 distinct \
                warehouses). Required unless every line names its warehouse.""")
        @Size(min = 1, max = 20) List<@NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String>
        warehouseIds,
        @Schema(description = "The order's lines, 1..100, each `line_id` unique within the order.")
        @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Line> lines) {

    /** One line of the order. */
    @Schema(name = "ReserveOrderLine", description = "A quantity of one product.")
    public record Line(
            @Schema(description = "The line's id, unique within the order.", example = "1")
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = OrderIds.PATTERN, message = OrderIds.MESSAGE)
            String lineId,
            @Schema(format = "uuid", description = "Product identifier.")
            @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String productId,
            @Schema(description = "Units to reserve.", example = "2")
            @NotNull @Min(1) @Max(1000) Integer quantity,
            @Schema(format = "uuid", description = "Take this line from this warehouse only, whatever the order's list.")
            @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String warehouseId,
            @Schema(description = """
                    Only lots usable until at least this date (UTC), or that never expire, may be allocated. Give \
                    this or `min_shelf_life_days`, not both.""", example = "2027-01-31")
            LocalDate minExpiryDate,
            @Schema(description = """
                    Only lots usable for at least this many more days, or that never expire, may be allocated.""",
                    example = "30")
            @Min(0) @Max(3650) Integer minShelfLifeDays) {
    }
}
