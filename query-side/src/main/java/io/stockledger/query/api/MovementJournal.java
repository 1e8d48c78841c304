package io.stockledger.query.api;

import java.util.function.Consumer;

/**
 * Reads every movement journal row matching a filter, however many there are, without holding them in memory: rows
 * are handed to the consumer one at a time, in global order, as they are read from a database cursor. For exports.
 * The read is one statement, so it sees one consistent snapshot of the journal.
 */
public interface MovementJournal {

    /**
     * Hands each matching row to {@code each}, in global order, and returns how many there were. A
     * {@link RuntimeException} thrown by {@code each} stops the read and is rethrown.
     */
    long forEach(MovementFilter filter, Consumer<MovementView> each);
}
