package io.stockledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer's two event schemas (seed document, "Eventos NATS"; copied verbatim under
 * {@code src/test/resources/seed}) are kept: same ids, every seed field under its exact name and type, every
 * seed-required field still required, and only the additions we chose on top. An event the ledger writes is valid
 * against the seed's own schema too.
 */
class SeedContractTest {

    static Stream<Arguments> seedSchemas() {
        return Stream.of(
                Arguments.of("inventory.reserve.request.v1",
                        Set.of("reservation_id", "ttl_seconds", "expires_at", "idempotency_key"),
                        SampleEvents.requested()),
                Arguments.of("inventory.reserve.confirmed.v1", Set.of("requester_id"), SampleEvents.confirmed()));
    }

    /**
     * Optional fields added later under the versioning rule: lots came after the first version, the order a
     * reservation serves a line of after lots.
     */
    private static final Map<String, Set<String>> OPTIONAL_ADDITIONS = Map.of(
            "inventory.reserve.request.v1", Set.of("lots", "min_expiry_date", "order_id", "line_id"),
            "inventory.reserve.confirmed.v1", Set.of("lots", "order_id", "line_id"));

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedSchemas")
    void theSchemaKeepsTheSeedsIdAndDraft(String id, Set<String> additions, LedgerEvent sample) {
        JsonNode seed = seed(id);
        JsonNode ours = EventSchemas.tree(id);

        assertThat(ours.get("$id")).isEqualTo(seed.get("$id"));
        assertThat(ours.get("$schema")).isEqualTo(seed.get("$schema"));
        assertThat(ours.get("type")).isEqualTo(seed.get("type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedSchemas")
    void theFieldNamesAreTheSeedsPlusTheChosenAdditions(String id, Set<String> additions, LedgerEvent sample) {
        Set<String> seedNames = names(seed(id).get("properties"));
        Set<String> expected = new TreeSet<>(seedNames);
        expected.addAll(additions);
        expected.addAll(OPTIONAL_ADDITIONS.get(id));

        assertThat(names(EventSchemas.tree(id).get("properties"))).isEqualTo(expected);
        assertThat(seedNames).doesNotContainAnyElementsOf(additions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedSchemas")
    void everySeedFieldKeepsItsTypeAndFormat(String id, Set<String> additions, LedgerEvent sample) {
        JsonNode seedProperties = seed(id).get("properties");
        JsonNode ourProperties = EventSchemas.tree(id).get("properties");
        seedProperties.properties().forEach(field -> {
            JsonNode ours = ourProperties.get(field.getKey());

            assertThat(ours.get("type")).as(field.getKey()).isEqualTo(field.getValue().get("type"));
            assertThat(ours.get("format")).as(field.getKey()).isEqualTo(field.getValue().get("format"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedSchemas")
    void theRequiredFieldsAreASupersetOfTheSeeds(String id, Set<String> additions, LedgerEvent sample) {
        Set<String> seedRequired = required(seed(id));
        Set<String> ourRequired = required(EventSchemas.tree(id));

        assertThat(ourRequired).containsAll(seedRequired);
        assertThat(ourRequired).containsAll(additions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedSchemas")
    void anEventTheLedgerWritesIsValidAgainstTheSeedsSchema(String id, Set<String> additions, LedgerEvent sample) {
        assertThat(EventContract.schemaIdOf(sample)).isEqualTo(id);
        assertThat(EventContract.errorsAgainst("classpath:seed/" + id + ".json", seed(id),
                EventContract.toJson(sample))).isEmpty();
    }

    private static JsonNode seed(String id) {
        try (InputStream in = SeedContractTest.class.getResourceAsStream("/seed/" + id + ".json")) {
            assertThat(in).as("seed schema " + id).isNotNull();
            return EventContract.LEDGER_JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(JsonNode properties) {
        Set<String> names = new TreeSet<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> required = new TreeSet<>();
        schema.get("required").forEach(field -> required.add(field.textValue()));
        return required;
    }
}
