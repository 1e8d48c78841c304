package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Choose the order in which the SKU's lots are allocated. Allowed before the first receipt. */
public record SetPickingPolicy(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        PickingPolicy policy) implements LedgerCommand {

    public SetPickingPolicy {
        Guard.present("policy", policy);
    }
}
