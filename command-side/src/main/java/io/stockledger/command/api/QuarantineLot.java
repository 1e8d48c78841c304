package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Block a lot: its units stay on hand but are never available or allocated until it is released. */
public record QuarantineLot(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        String batchNumber,
        String reason) implements LedgerCommand {

    public QuarantineLot {
        Guard.present("batchNumber", batchNumber);
        Guard.present("reason", reason);
    }
}
