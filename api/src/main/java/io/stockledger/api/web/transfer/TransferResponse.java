package io.stockledger.api.web.transfer;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.api.web.AnsweredReplayed;
import io.stockledger.command.api.TransferOutcome;
import io.stockledger.events.ShippedLot;
import io.stockledger.query.api.TransferView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A transfer and where it stands. */
@Schema(name = "Transfer", description = "A transfer of stock between two warehouses.")
public record TransferResponse(
        @Schema(requiredMode = REQUIRED, description = "Transfer identifier.") UUID transferId,
        @AnsweredProductId UUID productId,
        @Schema(requiredMode = REQUIRED, description = "Warehouse that shipped.") UUID fromWarehouseId,
        @Schema(requiredMode = REQUIRED, description = "Warehouse it goes to.") UUID toWarehouseId,
        @Schema(requiredMode = REQUIRED, description = "Units moved.", example = "20") int quantity,
        @Schema(requiredMode = REQUIRED, description = """
                `IN_TRANSIT` once shipped (on neither warehouse's on hand), then `RECEIVED` by the destination, \
                or `RETURNED` to the source when the destination refused it.""",
                allowableValues = {"IN_TRANSIT", "RECEIVED", "RETURNED"})
        String status,
        @Schema(description = "The lots shipped, with their expiry and cost; empty in the answer to a retry.")
        List<ShippedLot> lots,
        @Schema(description = "Why the destination refused it, when `RETURNED`.") String reason,
        @Schema(description = "When the source shipped it.") Instant shippedAt,
        @Schema(description = "When it was received or returned.") Instant completedAt,
        @AnsweredReplayed boolean replayed) {

    static TransferResponse shipped(TransferOutcome outcome) {
        return new TransferResponse(outcome.transferId(), outcome.from().productId(), outcome.from().warehouseId(),
                outcome.toWarehouseId(), outcome.quantity(), "IN_TRANSIT", outcome.lots(), null, null, null,
                outcome.replayed());
    }

    public static TransferResponse of(TransferView view) {
        return new TransferResponse(view.transferId(), view.productId(), view.fromWarehouseId(),
                view.toWarehouseId(), view.quantity(), view.status(), view.lots(), view.reason(), view.shippedAt(),
                view.completedAt(), false);
    }
}
