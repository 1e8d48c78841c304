package io.stockledger.eventstore.position;

import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * A domain event read from the store that knows its own global index, so that a handler asking for the index
 * ({@link GlobalIndexParameterResolverFactory}) gets it without the event's metadata being deserialised. Its metadata
 * holds the same index as {@value GlobalIndexStamping#METADATA_KEY} for whoever reads the metadata anyway.
 */
final class GlobalIndexedEventMessage<T> extends GenericTrackedDomainEventMessage<T> {

    private final long globalIndex;

    GlobalIndexedEventMessage(TrackingToken token, String type, String aggregateIdentifier, long sequenceNumber,
                              Message<T> delegate, Supplier<Instant> timestamp, long globalIndex) {
        super(token, type, aggregateIdentifier, sequenceNumber, delegate, timestamp);
        this.globalIndex = globalIndex;
    }

    long globalIndex() {
        return globalIndex;
    }
}
