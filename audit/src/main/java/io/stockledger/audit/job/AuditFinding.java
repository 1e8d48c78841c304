package io.stockledger.audit.job;

import io.stockledger.events.LedgerId;

import java.util.Optional;
import java.util.UUID;

/**
 * One thing an audit job found wrong, about one ledger.
 *
 * @param kind                what is wrong, e.g. {@code HASH_MISMATCH} or {@code BALANCE_MISMATCH}
 * @param aggregateIdentifier the ledger, as the event store names it
 * @param productId           its product, when the identifier is a stock ledger's
 * @param warehouseId         its warehouse, likewise
 * @param sequenceNumber      the event (or balance) sequence number concerned, if any
 * @param globalIndex         the event's global position in the store, if one event is concerned
 * @param field               what differs, e.g. {@code chain_hash}, {@code on_hand}
 * @param expected            what it should be (recomputed from the event store)
 * @param actual              what is stored
 * @param detail              the same in a sentence
 */
public record AuditFinding(String kind, String aggregateIdentifier, UUID productId, UUID warehouseId,
                           Long sequenceNumber, Long globalIndex, String field, String expected, String actual,
                           String detail) {

    /** A finding about a ledger whose identifier is {@code <product_id>:<warehouse_id>} (else without the ids). */
    public static AuditFinding about(String aggregateIdentifier, String kind, Long sequenceNumber, Long globalIndex,
                                     String field, String expected, String actual, String detail) {
        Optional<LedgerId> ledger = LedgerId.tryParse(aggregateIdentifier);
        return new AuditFinding(kind, aggregateIdentifier, ledger.map(LedgerId::productId).orElse(null),
                ledger.map(LedgerId::warehouseId).orElse(null), sequenceNumber, globalIndex, field, expected, actual,
                detail);
    }
}
