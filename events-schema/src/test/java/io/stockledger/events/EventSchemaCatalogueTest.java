package io.stockledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One schema file per event type and no other: the list of event types and the folder of schema files are compared
 * both ways, and each file names itself and follows the common shape.
 */
class EventSchemaCatalogueTest {

    private static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";
    private static final List<String> ENVELOPE = List.of("event_id", "timestamp", "trace_id", "product_id",
            "warehouse_id", "requester_id");

    @Test
    void everyEventTypeHasASchemaFile() throws IOException {
        Set<String> files = schemaFiles();
        for (Class<? extends LedgerEvent> type : EventTypes.all()) {
            String id = EventTypes.schemaIdOf(type);

            assertThat(files).as("schema file of %s", type.getSimpleName()).contains(id + ".json");
            assertThat(EventSchemas.json(type)).isEqualTo(EventSchemas.json(id));
        }
    }

    @Test
    void everySchemaFileBelongsToAnEventType() throws IOException {
        for (String file : schemaFiles()) {
            assertThat(file).endsWith(".json");
            assertThat(EventSchemas.schemaIds()).as("event type with the schema of %s", file)
                    .contains(file.substring(0, file.length() - ".json".length()));
        }
    }

    @Test
    void thereIsOneEventTypePerSchemaId() {
        assertThat(EventSchemas.schemaIds()).doesNotHaveDuplicates().hasSize(EventTypes.all().size());
    }

    @Test
    void eachSchemaNamesItselfAndIsDraft07() {
        for (String id : EventSchemas.schemaIds()) {
            JsonNode schema = EventSchemas.tree(id);

            assertThat(schema.path("$id").asText()).isEqualTo(id);
            assertThat(schema.path("$schema").asText()).as(id).isEqualTo(DRAFT_07);
            assertThat(schema.path("type").asText()).as(id).isEqualTo("object");
            assertThat(schema.path("title").asText()).as(id).isNotBlank();
            assertThat(schema.path("description").asText()).as(id).isNotBlank();
        }
    }

    @Test
    void schemaIdsAreEntityFactAndVersion() {
        for (Class<? extends LedgerEvent> type : EventTypes.all()) {
            String id = EventTypes.schemaIdOf(type);

            assertThat(id).matches("inventory\\.[a-z]+\\.[a-z]+\\.v[1-9][0-9]*");
            assertThat(EventTypes.subjectOf(type) + id.substring(id.lastIndexOf(".v"))).isEqualTo(id);
        }
    }

    /** The versioning rule needs consumers to tolerate new optional fields; a closed schema would refuse them. */
    @Test
    void noSchemaForbidsAdditionalProperties() {
        for (String id : EventSchemas.schemaIds()) {
            JsonNode schema = EventSchemas.tree(id);

            assertThat(schema.has("additionalProperties")).as(id).isFalse();
            assertThat(schema.has("unevaluatedProperties")).as(id).isFalse();
        }
    }

    @Test
    void everyRequiredFieldIsDescribedAndTheEnvelopeIsRequiredEverywhere() {
        for (String id : EventSchemas.schemaIds()) {
            JsonNode schema = EventSchemas.tree(id);
            List<String> required = new ArrayList<>();
            schema.get("required").forEach(field -> required.add(field.textValue()));

            assertThat(required).as(id).doesNotHaveDuplicates().containsAll(ENVELOPE);
            for (String field : required) {
                assertThat(schema.get("properties").has(field)).as("%s describes %s", id, field).isTrue();
            }
            for (String field : ENVELOPE) {
                assertThat(schema.get("properties").get(field).path("description").asText())
                        .as("%s describes %s", id, field).isNotBlank();
            }
        }
    }

    @Test
    void theSchemaOfAnUnknownOrMalformedIdIsRefused() {
        assertThatThrownBy(() -> EventSchemas.json("inventory.reserve.cancelled.v1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inventory.reserve.cancelled.v1");
        assertThatThrownBy(() -> EventSchemas.json("inventory.reserve.request"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSchemas.json("../asyncapi.yaml#.v1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventSchemas.json((String) null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAsyncApiDocumentShipsBesideTheSchemas() {
        assertThat(EventSchemas.asyncApiYaml()).startsWith("#").contains("asyncapi: 3.0.0");
    }

    /** File names in the schemas folder of the classes (or jar) this module ships. */
    static Set<String> schemaFiles() throws IOException {
        Path root;
        try {
            root = Path.of(EventSchemas.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isDirectory(root)) {
            return list(root.resolve(EventSchemas.DIRECTORY));
        }
        try (FileSystem jar = FileSystems.newFileSystem(root)) {
            return list(jar.getPath(EventSchemas.DIRECTORY));
        }
    }

    private static Set<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).collect(TreeSet::new, Set::add, Set::addAll);
        }
    }
}
