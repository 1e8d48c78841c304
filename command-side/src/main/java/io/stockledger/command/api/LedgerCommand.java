package io.stockledger.command.api;

/** A command addressed to one stock ledger. */
public interface LedgerCommand {

    StockLedgerId ledgerId();
}
