package io.stockledger.audit.store;

import io.stockledger.events.LedgerEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.Instant;

/**
 * One event of the store, read as the live projections get it: upcast, and deserialized when first asked for (an
 * auditor that only passes over an event does not pay for reading its payload).
 */
public final class StoredEvent {

    private final DomainEventMessage<?> message;
    private final long globalIndex;

    StoredEvent(TrackedEventMessage<?> message) {
        this.message = (DomainEventMessage<?>) message;
        this.globalIndex = message.trackingToken().position().orElseThrow();
    }

    /** The ledger, as stored: {@code <product_id>:<warehouse_id>} for a stock ledger. */
    public String aggregateIdentifier() {
        return message.getAggregateIdentifier();
    }

    public long sequenceNumber() {
        return message.getSequenceNumber();
    }

    /** Its position in the whole store. */
    public long globalIndex() {
        return globalIndex;
    }

    /** The event, or null when its type is one this version does not know (written by a newer version). */
    public LedgerEvent ledgerEvent() {
        return message.getPayload() instanceof LedgerEvent event ? event : null;
    }

    /**
     * When it happened: the event's own {@code timestamp} (the ledger's clock, which decided it), not the time the
     * message was created. For a type this version does not know, the store's timestamp is all there is.
     */
    public Instant timestamp() {
        LedgerEvent event = ledgerEvent();
        return event != null ? event.timestamp() : message.getTimestamp();
    }
}
