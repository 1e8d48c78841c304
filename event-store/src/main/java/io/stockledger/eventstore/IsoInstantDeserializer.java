package io.stockledger.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.stockledger.eventstore.timestamp.UtcInstants;

import java.io.IOException;
import java.time.Instant;

/**
 * Reads the instants the stored events hold, written as {@link Instant#toString()} writes them
 * ({@code 2026-12-07T07:26:18.123456Z}: UTC, seconds, an optional fraction), with plain arithmetic, and hands
 * everything else (numbers, offsets, leap seconds, anything malformed) to Jackson's own {@link InstantDeserializer},
 * so what is read, and what is refused, stays Jackson's.
 *
 * <p>Why: a rebuild of the read models spent 6% of the JVM's CPU in {@code DateTimeFormatter.parse} for the
 * instants in the payloads of the events it replayed (every event has one, reservations two); the same parse runs
 * whenever events are read, by the processors, the audits and a ledger loaded from its events. The events' own
 * stored timestamps are read the same way ({@link UtcInstants}).
 */
final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

    private static final InstantDeserializer<Instant> JACKSON = InstantDeserializer.INSTANT;

    IsoInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant instant = UtcInstants.parse(parser.getText());
            if (instant != null) {
                return instant;
            }
        }
        return JACKSON.deserialize(parser, context);
    }

    /** A property with its own format (an annotation) is Jackson's to read. */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        JsonDeserializer<?> contextual = JACKSON.createContextual(context, property);
        return contextual == JACKSON ? this : contextual;
    }
}
