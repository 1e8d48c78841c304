package io.stockledger.audit.store;

import java.sql.SQLException;

/**
 * What a pass over a scope's events does with them, one ledger at a time: the events come ledger after ledger, each
 * ledger's in sequence order, so only the ledger being looked at needs to be in memory.
 *
 * @param <T> an event: a stored row, or the event read from it
 */
public interface PerLedger<T> {

    /** A ledger's events begin; {@code aggregateIdentifier} is as stored (it need not name a stock ledger). */
    void start(String aggregateIdentifier) throws SQLException;

    /** The ledger's next event. */
    void accept(T event) throws SQLException;

    /** The ledger's events are over. */
    void finish() throws SQLException;
}
