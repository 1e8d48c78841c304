package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Correct on hand by a signed quantity after a count, damage, loss or find. {@code batchNumber} names the lot;
 * without it a gain goes to the default lot and a loss is taken from unreserved units in picking order.
 */
public record AdjustStock(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        int quantity,
        AdjustmentReason reason,
        String note,
        String idempotencyKey,
        String batchNumber) implements LedgerCommand {

    public AdjustStock {
        if (quantity == 0) {
            throw new IllegalArgumentException("quantity must not be 0");
        }
        Guard.present("reason", reason);
        Guard.present("idempotencyKey", idempotencyKey);
        Guard.notBlankIfGiven("batchNumber", batchNumber);
    }

    /** An adjustment that names no lot. */
    public AdjustStock(StockLedgerId ledgerId, int quantity, AdjustmentReason reason, String note,
                       String idempotencyKey) {
        this(ledgerId, quantity, reason, note, idempotencyKey, null);
    }
}
