package io.stockledger.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code asyncapi.yaml} and the event types agree: the stream and its subjects, one channel per event subject, each
 * channel's messages carrying a payload {@code $ref} to an existing schema file of that subject, every schema file
 * referenced, and the headers the relay sets described so that a realistic set of them validates.
 */
class AsyncApiDocumentTest {

    private static final List<String> HEADERS = List.of("Nats-Msg-Id", "ce-id", "ce-type", "ce-source",
            "ce-specversion", "ce-time", "ce-subject", "Ledger-Aggregate-Id", "Ledger-Sequence", "Trace-Id",
            "Content-Type");

    private static final String ASYNCAPI = "classpath:" + EventSchemas.ASYNCAPI;

    private static JsonNode doc;

    @BeforeAll
    static void parse() throws JsonProcessingException {
        doc = new YAMLMapper().readTree(EventSchemas.asyncApiYaml());
    }

    @Test
    void isAnAsyncApi3DocumentOverTheInventoryStream() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        JsonNode server = doc.path("servers").path("nats");
        assertThat(server.path("protocol").asText()).isEqualTo("nats");
        assertThat(server.path("x-jetstream").path("stream").asText()).isEqualTo("INVENTORY");
        assertThat(texts(server.path("x-jetstream").path("subjects"))).containsExactly("inventory.>");
    }

    @Test
    void everyEventSubjectIsAChannel() {
        Set<String> addresses = new TreeSet<>();
        doc.get("channels").forEach(channel -> addresses.add(channel.path("address").asText()));

        for (Class<? extends LedgerEvent> type : EventTypes.all()) {
            assertThat(addresses).as(type.getSimpleName()).contains(EventTypes.subjectOf(type));
        }
    }

    @Test
    void everyChannelIsTheSubjectOfAnEventTypeInsideTheStream() {
        Set<String> subjects = new TreeSet<>();
        EventTypes.all().forEach(type -> subjects.add(EventTypes.subjectOf(type)));

        doc.get("channels").properties().forEach(channel -> {
            String address = channel.getValue().path("address").asText();
            assertThat(address).as(channel.getKey()).startsWith("inventory.").isIn(subjects);
        });
        assertThat(doc.get("channels").size()).isEqualTo(subjects.size());
    }

    @Test
    void everyChannelHasAMessageWhosePayloadIsASchemaFileOfItsSubject() {
        doc.get("channels").properties().forEach(entry -> {
            JsonNode channel = entry.getValue();
            String address = channel.path("address").asText();
            List<JsonNode> messages = messagesOf(channel);
            assertThat(messages).as(entry.getKey()).isNotEmpty();

            for (JsonNode message : messages) {
                String schemaId = schemaIdOfPayload(message);
                assertThat(EventSchemas.json(schemaId)).as("schema file of %s", schemaId).isNotBlank();
                assertThat(EventSchemas.tree(schemaId).path("$id").asText()).isEqualTo(schemaId);
                assertThat(schemaId).as("schema of a message on %s", address).startsWith(address + ".v");
                assertThat(message.path("payload").path("schemaFormat").asText())
                        .isEqualTo("application/schema+json;version=draft-07");
                assertThat(ceTypeOf(message)).as("ce-type of the message with %s", schemaId).isEqualTo(schemaId);
            }
        });
    }

    @Test
    void everySchemaFileIsReferencedByAMessage() throws IOException {
        Set<String> referenced = new TreeSet<>();
        doc.get("channels").forEach(channel -> messagesOf(channel)
                .forEach(message -> referenced.add(schemaIdOfPayload(message) + ".json")));

        assertThat(referenced).containsAll(EventSchemaCatalogueTest.schemaFiles());
    }

    @Test
    void everyChannelIsPublishedByASendOperation() {
        Set<String> published = new TreeSet<>();
        doc.get("operations").forEach(operation -> {
            assertThat(operation.path("action").asText()).isEqualTo("send");
            published.add(resolve(operation.get("channel")).path("address").asText());
        });

        doc.get("channels").forEach(channel -> assertThat(published).contains(channel.path("address").asText()));
    }

    @Test
    void theRelaysHeadersAreAllRequired() {
        JsonNode headers = doc.at("/components/schemas/LedgerEventHeaders");

        assertThat(texts(headers.get("required"))).containsExactlyInAnyOrderElementsOf(HEADERS);
        assertThat(names(headers.get("properties"))).containsExactlyInAnyOrderElementsOf(HEADERS);
        assertThat(headers.at("/properties/ce-specversion/const").asText()).isEqualTo("1.0");
        assertThat(doc.at("/components/correlationIds/traceId/location").asText())
                .isEqualTo("$message.header#/Trace-Id");
    }

    static Stream<LedgerEvent> samples() {
        return SampleEvents.typical().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theHeadersTheRelayWillSetValidateAgainstTheMessagesHeaderSchema(LedgerEvent event) {
        JsonNode schema = headerSchemaOf(EventTypes.subjectOf(event.getClass()));

        assertThat(EventContract.errorsAgainst(ASYNCAPI, schema, headersOf(event))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void headersOfAnotherTypeOrWithoutTheDeduplicationIdAreInvalid(LedgerEvent event) {
        JsonNode schema = headerSchemaOf(EventTypes.subjectOf(event.getClass()));
        ObjectNode wrongType = headersOf(event);
        wrongType.put("ce-type", event instanceof StockReceived ? "inventory.stock.adjusted.v1"
                : "inventory.stock.received.v1");
        ObjectNode noMsgId = headersOf(event);
        noMsgId.remove("Nats-Msg-Id");
        ObjectNode badSequence = headersOf(event);
        badSequence.put("Ledger-Sequence", "-1");

        assertThat(EventContract.errorsAgainst(ASYNCAPI, schema, wrongType))
                .extracting(Error::getKeyword).contains("const");
        assertThat(EventContract.errorsAgainst(ASYNCAPI, schema, noMsgId))
                .extracting(Error::getKeyword).contains("required");
        assertThat(EventContract.errorsAgainst(ASYNCAPI, schema, badSequence))
                .extracting(Error::getKeyword).contains("pattern");
    }

    /** The headers as the relay (query-side NatsRelay) sets them, for an event at sequence 7 of its ledger. */
    private static ObjectNode headersOf(LedgerEvent event) {
        ObjectNode headers = EventContract.LEDGER_JSON.createObjectNode();
        headers.put("Nats-Msg-Id", event.eventId().toString());
        headers.put("ce-id", event.eventId().toString());
        headers.put("ce-type", EventTypes.schemaIdOf(event.getClass()));
        headers.put("ce-source", "urn:stock-ledger");
        headers.put("ce-specversion", "1.0");
        headers.put("ce-time", event.timestamp().toString());
        headers.put("ce-subject", event.productId() + "/" + event.warehouseId());
        headers.put("Ledger-Aggregate-Id", event.productId() + ":" + event.warehouseId());
        headers.put("Ledger-Sequence", "7");
        headers.put("Trace-Id", event.traceId());
        headers.put("Content-Type", "application/json");
        return headers;
    }

    /** The header schema of the (only) message on a subject, with its local $refs inlined, as a draft-07 schema. */
    private static JsonNode headerSchemaOf(String subject) {
        for (JsonNode channel : doc.get("channels")) {
            if (channel.path("address").asText().equals(subject)) {
                JsonNode headers = messagesOf(channel).get(0).get("headers").deepCopy();
                ArrayNode allOf = (ArrayNode) headers.get("allOf");
                for (int i = 0; i < allOf.size(); i++) {
                    allOf.set(i, resolve(allOf.get(i)));
                }
                ((ObjectNode) headers).put("$schema", "http://json-schema.org/draft-07/schema#");
                return headers;
            }
        }
        throw new AssertionError("no channel " + subject);
    }

    private static List<JsonNode> messagesOf(JsonNode channel) {
        List<JsonNode> messages = new ArrayList<>();
        channel.path("messages").forEach(message -> messages.add(resolve(message)));
        return messages;
    }

    /** The schema id of a message's payload, from its {@code $ref: './schemas/<schema id>.json'}. */
    private static String schemaIdOfPayload(JsonNode message) {
        JsonNode payload = message.path("payload");
        String ref = payload.has("schema") ? payload.path("schema").path("$ref").asText()
                : payload.path("$ref").asText();
        assertThat(ref).as("payload $ref of %s", message.path("name").asText())
                .startsWith("./" + EventSchemas.DIRECTORY).endsWith(".json");
        return ref.substring(("./" + EventSchemas.DIRECTORY).length(), ref.length() - ".json".length());
    }

    private static String ceTypeOf(JsonNode message) {
        for (JsonNode part : message.path("headers").path("allOf")) {
            JsonNode ceType = part.at("/properties/ce-type/const");
            if (!ceType.isMissingNode()) {
                return ceType.asText();
            }
        }
        return null;
    }

    /** Follows a local {@code $ref} ({@code #/...}) within the document; anything else is returned as it is. */
    private static JsonNode resolve(JsonNode node) {
        String ref = node.path("$ref").asText("");
        if (!ref.startsWith("#/")) {
            return node;
        }
        JsonNode target = doc.at(ref.substring(1));
        assertThat(target.isMissingNode()).as("target of %s", ref).isFalse();
        return target;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
