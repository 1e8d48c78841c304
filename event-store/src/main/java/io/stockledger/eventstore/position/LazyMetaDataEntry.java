package io.stockledger.eventstore.position;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDecorator;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.Map;

/**
 * A message with one metadata entry more, added when its metadata is first asked for rather than when the message is
 * made. An event read from the store carries its metadata as JSON: merging the entry at once deserialised it for
 * every event on the reading thread, and rewrapping the event parsed its stored timestamp, even for events whose
 * handlers never look at either.
 */
final class LazyMetaDataEntry<T> extends MessageDecorator<T> {

    private final String key;
    private final Object value;
    /** Racing first readers each merge the same entry into the same metadata: either result is right. */
    private volatile MetaData merged;

    LazyMetaDataEntry(Message<T> delegate, String key, Object value) {
        super(delegate);
        this.key = key;
        this.value = value;
    }

    @Override
    public MetaData getMetaData() {
        MetaData metaData = merged;
        if (metaData == null) {
            metaData = getDelegate().getMetaData().and(key, value);
            merged = metaData;
        }
        return metaData;
    }

    @Override
    public <S> SerializedObject<S> serializeMetaData(Serializer serializer, Class<S> expectedRepresentation) {
        return serializer.serialize(getMetaData(), expectedRepresentation);
    }

    @Override
    public Message<T> withMetaData(Map<String, ?> metaData) {
        return getDelegate().withMetaData(metaData);
    }

    @Override
    public Message<T> andMetaData(Map<String, ?> metaData) {
        return getDelegate().withMetaData(getMetaData().mergedWith(metaData));
    }
}
