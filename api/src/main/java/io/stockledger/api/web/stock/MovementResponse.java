package io.stockledger.api.web.stock;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.api.web.AnsweredReplayed;
import io.stockledger.api.web.AnsweredWarehouseId;
import io.stockledger.command.api.MovementOutcome;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A receipt or adjustment as recorded, and the SKU's balance right after it, straight from the ledger. */
@Schema(name = "Movement", description = """
        A receipt or adjustment as recorded, and the balance right after it (exact: it comes from the ledger \
        itself, not from a read model).""")
public record MovementResponse(
        @Schema(requiredMode = REQUIRED, description = "The id of the event that recorded it.")
        UUID eventId,
        @AnsweredProductId UUID productId,
        @AnsweredWarehouseId UUID warehouseId,
        @Schema(requiredMode = REQUIRED, description = "The units received or the signed adjustment.",
                example = "100")
        int quantity,
        @Schema(requiredMode = REQUIRED, description = "Units physically in stock.", example = "100")
        long onHand,
        @ReservedFigure long reserved,
        @Schema(requiredMode = REQUIRED, description = "`on_hand` minus `reserved` minus `blocked`.", example = "100")
        long available,
        @Schema(requiredMode = REQUIRED, description = "Unreserved units in quarantined or expired lots.",
                example = "0")
        long blocked,
        @AnsweredReplayed boolean replayed) {

    static MovementResponse of(MovementOutcome outcome) {
        return new MovementResponse(outcome.eventId(), outcome.ledgerId().productId(),
                outcome.ledgerId().warehouseId(), outcome.quantity(), outcome.levels().onHand(),
                outcome.levels().reserved(), outcome.levels().available(), outcome.levels().blocked(),
                outcome.replayed());
    }
}
