package io.stockledger.audit.api;

/**
 * One difference between what the event store says about a ledger and what a read model holds.
 *
 * @param kind                {@code BALANCE_MISMATCH}, {@code BALANCE_MISSING}, {@code BALANCE_BEHIND},
 *                            {@code BALANCE_AHEAD}, {@code BALANCE_WITHOUT_EVENTS}, {@code JOURNAL_MISMATCH},
 *                            {@code JOURNAL_INCOMPLETE}, {@code JOURNAL_BEHIND}, {@code JOURNAL_AHEAD} or
 *                            {@code JOURNAL_WITHOUT_EVENTS}
 * @param aggregateIdentifier the ledger, {@code <product_id>:<warehouse_id>}
 * @param sequenceNumber      the ledger sequence number at which the two were compared, if any
 * @param field               what differs: {@code on_hand}, {@code reserved}, {@code last_sequence},
 *                            {@code journal_on_hand}, {@code journal_reserved}, {@code journal_rows}, ...
 * @param expected            the value replayed from the event store
 * @param actual              the value the read model holds (null when it holds nothing)
 * @param detail              the same in a sentence
 */
public record ReconciliationDifference(String kind, String aggregateIdentifier, Long sequenceNumber, String field,
                                       String expected, String actual, String detail) {
}
