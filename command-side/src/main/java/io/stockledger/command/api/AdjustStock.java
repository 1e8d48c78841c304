package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Correct on hand by a signed quantity after a count, damage, loss or find. */
public record AdjustStock(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        int quantity,
        AdjustmentReason reason,
        String note,
        String idempotencyKey) implements LedgerCommand {

    public AdjustStock {
        if (quantity == 0) {
            throw new IllegalArgumentException("quantity must not be 0");
        }
        Guard.present("reason", reason);
        Guard.present("idempotencyKey", idempotencyKey);
    }
}
