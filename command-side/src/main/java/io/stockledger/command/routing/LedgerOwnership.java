package io.stockledger.command.routing;

import io.stockledger.command.api.StockLedgerId;

/** Whether this instance owns a ledger now: one instance alone owns them all. */
@FunctionalInterface
public interface LedgerOwnership {

    LedgerOwnership EVERY_LEDGER = ledger -> true;

    boolean ownsHere(StockLedgerId ledger);
}
