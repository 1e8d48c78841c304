package io.stockledger.eventstore.chain;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.Map;

/**
 * An event on its way into the store with its {@code chain_hash}, carrying the payload bytes that hash was computed
 * over. The storage engine asks the event for its serialised payload; handing it these bytes rather than letting it
 * serialise the payload a second time halves the serialisation cost of an append, and makes it certain that the
 * stored bytes are the hashed bytes.
 */
final class ChainedEvent<T> extends GenericDomainEventMessage<T> {

    private final transient Serializer serializer;
    private final transient SerializedObject<byte[]> payload;

    ChainedEvent(DomainEventMessage<T> event, String hash, Serializer serializer, SerializedObject<byte[]> payload) {
        super(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                new GenericMessage<>(event.getIdentifier(), event.getPayloadType(), event.getPayload(),
                        event.getMetaData().mergedWith(Map.of(ChainLink.METADATA_KEY, hash))),
                event.getTimestamp());
        this.serializer = serializer;
        this.payload = payload;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S> SerializedObject<S> serializePayload(Serializer requested, Class<S> expectedRepresentation) {
        if (requested == serializer && expectedRepresentation == byte[].class) {
            return (SerializedObject<S>) payload;
        }
        return super.serializePayload(requested, expectedRepresentation);
    }
}
