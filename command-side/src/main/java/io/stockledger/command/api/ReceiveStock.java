package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** Goods arrived: add {@code quantity} to on hand. The first receipt of a SKU opens its ledger. */
public record ReceiveStock(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        int quantity,
        BigDecimal unitCost,
        String idempotencyKey) implements LedgerCommand {

    public ReceiveStock {
        Guard.positive("quantity", quantity);
        Guard.present("idempotencyKey", idempotencyKey);
        if (unitCost != null && unitCost.signum() < 0) {
            throw new IllegalArgumentException("unitCost must not be negative");
        }
    }
}
