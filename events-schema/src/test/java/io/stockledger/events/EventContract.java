package io.stockledger.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The two halves of the contract side by side for the tests: events as the ledger serialises them, and a real
 * JSON Schema validator (networknt, draft-07) that checks them against the shipped schema files.
 */
final class EventContract {

    /** The ledger's storage mapper for events (see the api module's SerializerConfiguration). */
    static final ObjectMapper LEDGER_JSON = new ObjectMapper()
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /**
     * Draft-07 by default, and formats ({@code uuid}, {@code date-time}) asserted, not just annotated, so a test
     * proves the schemas' formats are checked by a validator configured to check them.
     */
    private static final SchemaRegistry REGISTRY = newRegistry();

    private static final Map<String, Schema> SHIPPED = new ConcurrentHashMap<>();

    private EventContract() {
    }

    /** The event as the ledger writes it, as a mutable tree a negative test can break. */
    static ObjectNode toJson(LedgerEvent event) {
        try {
            return (ObjectNode) LEDGER_JSON.readTree(LEDGER_JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event as the ledger writes it with one field set to {@code value} (text, a number or null). */
    static ObjectNode withField(LedgerEvent event, String field, Object value) {
        ObjectNode json = toJson(event);
        json.set(field, LEDGER_JSON.valueToTree(value));
        return json;
    }

    /** The keywords ({@code format}, {@code type}, {@code minimum}, ...) of what its own schema finds wrong in it. */
    static List<String> keywords(LedgerEvent event, JsonNode payload) {
        return errors(schemaIdOf(event), payload).stream().map(Error::getKeyword).toList();
    }

    /** The keywords its schema reports for the event with one field set to {@code value}; empty when still valid. */
    static List<String> keywordsWith(LedgerEvent event, String field, Object value) {
        return keywords(event, withField(event, field, value));
    }

    /**
     * Validation errors of a payload against the shipped schema of that id; empty when valid. The schema text comes
     * from {@link EventSchemas}; its retrieval location is given as the base URI because the seed's {@code $id}s (the
     * bare schema ids) are relative references, which networknt refuses in a schema that has no base.
     */
    static List<Error> errors(String schemaId, JsonNode payload) {
        return SHIPPED.computeIfAbsent(schemaId, id -> REGISTRY.getSchema(
                SchemaLocation.of("classpath:" + EventSchemas.resourceOf(id)), EventSchemas.tree(id)))
                .validate(payload);
    }

    /**
     * Validation errors of a payload against a schema given as a tree (a seed schema, a header schema) retrieved from
     * {@code location}. A registry of its own, so a seed schema never meets the shipped schema with the same
     * {@code $id}.
     */
    static List<Error> errorsAgainst(String location, JsonNode schema, JsonNode payload) {
        return newRegistry().getSchema(SchemaLocation.of(location), schema).validate(payload);
    }

    private static SchemaRegistry newRegistry() {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
    }

    static String schemaIdOf(LedgerEvent event) {
        return EventTypes.schemaIdOf(event.getClass());
    }
}
