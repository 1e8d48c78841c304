package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lift a lot's quarantine: its units become available again, unless the lot has expired. */
public record ReleaseLotFromQuarantine(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        String batchNumber,
        String reason) implements LedgerCommand {

    public ReleaseLotFromQuarantine {
        Guard.present("batchNumber", batchNumber);
        Guard.present("reason", reason);
    }
}
