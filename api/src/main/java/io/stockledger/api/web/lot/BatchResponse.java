package io.stockledger.api.web.lot;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.api.web.AnsweredWarehouseId;
import io.stockledger.command.api.LotState;
import io.stockledger.command.api.LotStatus;
import io.stockledger.query.api.LotView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** One lot: what it holds, what is promised from it, and whether it may be sold. */
@Schema(name = "Batch", description = "A lot (batch) of a product in a warehouse.")
public record BatchResponse(
        @AnsweredProductId UUID productId,
        @AnsweredWarehouseId UUID warehouseId,
        @Schema(requiredMode = REQUIRED, description = "Lot (batch) number; `DEFAULT` for the SKU's default lot.",
                example = "L-2026-11-A")
        String batchNumber,
        @Schema(description = "Last day its units may be sold (UTC); absent for a lot that never expires.")
        LocalDate expiryDate,
        @Schema(requiredMode = REQUIRED, description = "When the lot's first units arrived in this warehouse.")
        Instant receivedAt,
        @Schema(description = "Location code in the warehouse.", example = "A-12-03") String location,
        @Schema(description = "Unit cost of its first receipt.", example = "2.50") BigDecimal unitCost,
        @Schema(requiredMode = REQUIRED, description = "Units on hand in this lot.", example = "40") long quantity,
        @Schema(requiredMode = REQUIRED, description = "Units of it held by pending reservations.", example = "3")
        long reserved,
        @Schema(requiredMode = REQUIRED, description = "Units that may still be reserved: 0 unless `ACTIVE`.",
                example = "37")
        long available,
        @Schema(requiredMode = REQUIRED, implementation = LotStatus.class, description = """
                `ACTIVE`, `QUARANTINED`, `EXPIRED` (derived from the expiry date at the time of the answer) or \
                `DEPLETED` (nothing left).""")
        String status,
        @Schema(description = "Why it is quarantined, while it is.") String quarantineReason) {

    static BatchResponse of(LotView view) {
        return new BatchResponse(view.productId(), view.warehouseId(), view.batchNumber(), view.expiryDate(),
                view.receivedAt(), view.location(), view.unitCost(), view.quantity(), view.reserved(),
                view.available(), view.status(), view.quarantineReason());
    }

    static BatchResponse of(LotState state) {
        return new BatchResponse(state.ledgerId().productId(), state.ledgerId().warehouseId(), state.batchNumber(),
                state.expiryDate(), state.receivedAt(), state.location(), state.unitCost(), state.quantity(),
                state.reserved(), state.available(), state.status().name(), state.quarantineReason());
    }
}
