package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records the expiry of every reservation on this ledger whose deadline has passed. Sent by the sweeper for ledgers
 * nobody else touches; any other command on a ledger does the same first. Answers how many expired; a repeat finds
 * nothing left to do.
 */
public record ExpireOverdueReservations(@TargetAggregateIdentifier StockLedgerId ledgerId) implements LedgerCommand {
}
