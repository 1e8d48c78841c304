package io.stockledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON Schemas (draft-07) of the events, as shipped in this module: one classpath resource per schema id,
 * {@code schemas/<schema id>.json}, next to the AsyncAPI document {@code asyncapi.yaml}. A consumer validates with
 * the schema text from here instead of copying the files.
 *
 * <pre>{@code
 * String schema = EventSchemas.json("inventory.reserve.confirmed.v1");
 * String same = EventSchemas.json(ReservationConfirmed.class);
 * }</pre>
 */
public final class EventSchemas {

    /** The classpath folder holding the schema files. */
    public static final String DIRECTORY = "schemas/";

    /** The classpath location of the AsyncAPI 3.0 document describing the stream. */
    public static final String ASYNCAPI = "asyncapi.yaml";

    private static final Pattern SCHEMA_ID = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\.v[1-9][0-9]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventSchemas() {
    }

    /** The schema ids of every event type the ledger writes, in {@link EventTypes#all()} order. */
    public static List<String> schemaIds() {
        return EventTypes.all().stream().map(EventTypes::schemaIdOf).toList();
    }

    /** The classpath resource name of a schema, {@code schemas/<schema id>.json}. */
    public static String resourceOf(String schemaId) {
        if (schemaId == null || !SCHEMA_ID.matcher(schemaId).matches()) {
            throw new IllegalArgumentException("not a schema id: " + schemaId);
        }
        return DIRECTORY + schemaId + ".json";
    }

    /** The schema's JSON text, exactly as in the file. */
    public static String json(String schemaId) {
        return read(resourceOf(schemaId));
    }

    /** The JSON text of the schema an event type is written with. */
    public static String json(Class<? extends LedgerEvent> type) {
        return json(EventTypes.schemaIdOf(type));
    }

    /** The schema parsed as a Jackson tree, for a validator that takes one. */
    public static JsonNode tree(String schemaId) {
        try {
            return JSON.readTree(json(schemaId));
        } catch (IOException e) {
            throw new UncheckedIOException("schema " + schemaId + " is not valid JSON", e);
        }
    }

    /** The AsyncAPI document's YAML text. */
    public static String asyncApiYaml() {
        return read(ASYNCAPI);
    }

    private static String read(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no such resource on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
