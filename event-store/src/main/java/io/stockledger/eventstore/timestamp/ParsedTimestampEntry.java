package io.stockledger.eventstore.timestamp;

import org.axonframework.eventhandling.GenericDomainEventEntry;

import java.time.Instant;

/**
 * A stored event as Axon's JDBC engine reads it, with its timestamp parsed once, when it was read. Axon's entry keeps
 * the stored text and parses it again on every {@link #getTimestamp()}: once to decide whether a gap before the event
 * may still fill, and once more for the message a handler receives.
 */
final class ParsedTimestampEntry<T> extends GenericDomainEventEntry<T> {

    private final Instant timestamp;

    /**
     * @param storedTimestamp the stored text, which the entry keeps as Axon's does
     * @param timestamp       that text, parsed
     */
    ParsedTimestampEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                         String storedTimestamp, Instant timestamp, String payloadType, String payloadRevision,
                         T payload, T metaData) {
        super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, storedTimestamp, payloadType,
                payloadRevision, payload, metaData);
        this.timestamp = timestamp;
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }
}
