package io.stockledger.eventstore;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's JSON serializer, with the classes its stored type names name looked up once. Axon's own asks the class
 * loader for every event it reads (twice: for the upcasters and for the payload), and {@code Class.forName} was a
 * tenth of reading an event when the read models are rebuilt. Only classes found are kept: a name that is unknown
 * stays Axon's to decide on.
 *
 * <p>Made from a builder directly, as a subclass must be, so the settings only {@code Builder.build()} applies
 * (lenient deserialisation, default typing, a class loader) are not available here; the storage serializers use none.
 */
final class ClassCachingJacksonSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    ClassCachingJacksonSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> found = super.classForType(type);
        if (found != UnknownSerializedType.class && found != Void.class) {
            classes.put(type.getName(), found);
        }
        return found;
    }
}
