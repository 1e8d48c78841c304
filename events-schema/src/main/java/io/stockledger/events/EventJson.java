package io.stockledger.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Events as JSON, the way the ledger stores and publishes them: the records' snake_case names, ISO-8601 instants and
 * dates. Reading ignores fields it does not know, so an event written by a newer version of the contract (with an
 * optional field added) still reads.
 *
 * <pre>{@code
 * LedgerEvent event = EventJson.read(EventTypes.named("StockReceived").orElseThrow(), payload);
 * }</pre>
 */
public final class EventJson {

    private static final ObjectMapper JSON = newMapper();

    private EventJson() {
    }

    /** A mapper configured for events, for a reader that wants its own (an ObjectMapper is shared at one's risk). */
    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The event of that type from its payload; {@link IllegalArgumentException} when the payload does not fit. */
    public static <T extends LedgerEvent> T read(Class<T> type, JsonNode payload) {
        try {
            return JSON.treeToValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
