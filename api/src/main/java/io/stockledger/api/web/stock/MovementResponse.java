package io.stockledger.api.web.stock;

import io.stockledger.command.api.MovementOutcome;

import java.util.UUID;

/** A receipt or adjustment as recorded, and the SKU's balance right after it, straight from the ledger. */
public record MovementResponse(
        UUID eventId,
        UUID productId,
        UUID warehouseId,
        int quantity,
        long onHand,
        long reserved,
        long available,
        boolean replayed) {

    static MovementResponse of(MovementOutcome outcome) {
        return new MovementResponse(outcome.eventId(), outcome.ledgerId().productId(),
                outcome.ledgerId().warehouseId(), outcome.quantity(), outcome.levels().onHand(),
                outcome.levels().reserved(), outcome.levels().available(), outcome.replayed());
    }
}
