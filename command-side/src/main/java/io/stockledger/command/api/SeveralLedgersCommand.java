package io.stockledger.command.api;

/**
 * A command that takes several ledgers at once in one unit of work (an order's reserve, confirm and release): it holds
 * their locks, and a database connection, for as long as its unit of work runs. The dispatcher lets only a few units
 * of work on orders run at once (the order slots), so that orders queued behind a hot ledger cannot take every
 * connection, and the orders that queue meanwhile go in together ({@code OrderBatch}).
 */
public interface SeveralLedgersCommand {

    /** The client's order the command is about. */
    String orderId();
}
