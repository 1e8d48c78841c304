package io.stockledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.stockledger.events.EventContract.errors;
import static io.stockledger.events.EventContract.keywords;
import static io.stockledger.events.EventContract.keywordsWith;
import static io.stockledger.events.EventContract.schemaIdOf;
import static io.stockledger.events.EventContract.toJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events serialised exactly as the ledger stores them validate against their schema files, and the schemas are not
 * decoration: an event with a required field missing, a wrong type, a bad uuid or date-time, or a quantity that
 * breaks a rule does not.
 */
class EventSchemaValidationTest {

    static Stream<LedgerEvent> samples() {
        return SampleEvents.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void anEventAsTheLedgerWritesItIsValidAgainstItsSchema(LedgerEvent event) {
        assertThat(errors(schemaIdOf(event), toJson(event))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theSchemaDescribesExactlyTheFieldsTheRecordWrites(LedgerEvent event) {
        JsonNode properties = EventSchemas.tree(schemaIdOf(event)).get("properties");
        assertThat(names(properties)).isEqualTo(names(toJson(event)));
    }

    @Test
    void instantsAreWrittenAsIsoTextAndIdsAsText() {
        ObjectNode json = toJson(SampleEvents.requested());

        assertThat(json.get("timestamp").textValue()).isEqualTo("2025-11-28T09:15:30.123456Z");
        assertThat(json.get("expires_at").textValue()).isEqualTo("2025-11-28T09:30:30.123456Z");
        assertThat(json.get("event_id").textValue()).isEqualTo("b2b2b2b2-0000-4000-8000-000000000001");
        assertThat(toJson(SampleEvents.received()).get("unit_cost").isNumber()).isTrue();
    }

    /** Every (event, required field) pair of the schemas. */
    static Stream<Arguments> requiredFields() {
        List<Arguments> pairs = new ArrayList<>();
        for (LedgerEvent event : SampleEvents.typical()) {
            for (JsonNode field : EventSchemas.tree(schemaIdOf(event)).get("required")) {
                pairs.add(Arguments.of(event, field.textValue()));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("requiredFields")
    void anEventWithoutARequiredFieldIsInvalid(LedgerEvent event, String field) {
        ObjectNode json = toJson(event);
        json.remove(field);

        assertThat(keywords(event, json)).contains("required");
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("requiredFields")
    void anEventWithARequiredFieldSetToNullIsInvalid(LedgerEvent event, String field) {
        assertThat(keywordsWith(event, field, null)).contains("type");
    }

    /** Every (event, uuid field) pair of the schemas. */
    static Stream<Arguments> uuidFields() {
        List<Arguments> pairs = new ArrayList<>();
        for (LedgerEvent event : SampleEvents.typical()) {
            EventSchemas.tree(schemaIdOf(event)).get("properties").properties().forEach(property -> {
                if ("uuid".equals(property.getValue().path("format").asText())) {
                    pairs.add(Arguments.of(event, property.getKey()));
                }
            });
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("uuidFields")
    void anEventWithABadUuidIsInvalid(LedgerEvent event, String field) {
        for (String bad : List.of("not-a-uuid", "8b1f5c2e-3d4a-4e6f-9a7b-1c2d3e4f5a6",
                "8b1f5c2e3d4a4e6f9a7b1c2d3e4f5a6b", "8b1f5c2e-3d4a-4e6f-9a7b-1c2d3e4f5a6g", "")) {
            assertThat(keywordsWith(event, field, bad)).as("%s = '%s'", field, bad).contains("format");
        }
    }

    @Test
    void anEventWithAUuidAsANumberIsInvalid() {
        assertThat(keywordsWith(SampleEvents.confirmed(), "reservation_id", 42)).contains("type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025-11-28", "2025-11-28T25:15:30Z", "2025-13-28T08:15:30Z",
            "2025-11-28T08:15:30"})
    void anEventWithABadDateTimeIsInvalid(String bad) {
        for (String field : List.of("timestamp", "expires_at")) {
            assertThat(keywordsWith(SampleEvents.requested(), field, bad)).as("%s = '%s'", field, bad)
                    .contains("format");
        }
    }

    @Test
    void anInstantWrittenAsEpochNumbersIsInvalid() {
        assertThat(keywordsWith(SampleEvents.expired(), "expired_at", 1764325530.123456)).contains("type");
    }

    @Test
    void aQuantityWrittenAsTextOrFractionIsInvalid() {
        for (LedgerEvent event : SampleEvents.typical()) {
            if (!toJson(event).has("quantity")) {
                continue; // a picking policy change moves no units
            }
            assertThat(keywordsWith(event, "quantity", "3")).as(schemaIdOf(event)).isNotEmpty();
            assertThat(keywordsWith(event, "quantity", 2.5)).as(schemaIdOf(event)).isNotEmpty();
        }
    }

    @Test
    void reservationsAndReceiptsMoveAtLeastOneUnit() {
        for (LedgerEvent event : List.of(SampleEvents.received(), SampleEvents.requested(), SampleEvents.confirmed(),
                SampleEvents.released(), SampleEvents.expired())) {
            assertThat(keywordsWith(event, "quantity", 0)).as(schemaIdOf(event)).contains("minimum");
            assertThat(keywordsWith(event, "quantity", -1)).as(schemaIdOf(event)).contains("minimum");
            assertThat(keywordsWith(event, "quantity", 1)).as(schemaIdOf(event)).isEmpty();
        }
    }

    @Test
    void anAdjustmentMayBeNegativeButNeverZero() {
        assertThat(keywordsWith(SampleEvents.adjustedDown(), "quantity", -1_000_000)).isEmpty();
        assertThat(keywordsWith(SampleEvents.adjustedDown(), "quantity", 0)).contains("not");
    }

    @Test
    void aReservationLivesAtLeastOneSecond() {
        assertThat(keywordsWith(SampleEvents.requested(), "ttl_seconds", 0)).contains("minimum");
    }

    @Test
    void aUnitCostIsANonNegativeNumberOrNothing() {
        ObjectNode absent = toJson(SampleEvents.received());
        absent.remove("unit_cost");

        assertThat(keywordsWith(SampleEvents.received(), "unit_cost", -0.01)).contains("minimum");
        assertThat(keywordsWith(SampleEvents.received(), "unit_cost", "12.345")).contains("type");
        assertThat(keywords(SampleEvents.received(), absent)).isEmpty();
    }

    @Test
    void aNoteMayBeNullOrAbsentButIsText() {
        ObjectNode absent = toJson(SampleEvents.adjustedUpWithoutNote());
        absent.remove("note");

        assertThat(keywords(SampleEvents.adjustedUpWithoutNote(), absent)).isEmpty();
        assertThat(keywordsWith(SampleEvents.adjustedDown(), "note", 7)).contains("type");
    }

    @Test
    void blankActorsTracesReasonsAndKeysAreInvalid() {
        for (String field : List.of("requester_id", "trace_id", "reason", "idempotency_key")) {
            assertThat(keywordsWith(SampleEvents.adjustedDown(), field, "")).as(field).contains("minLength");
        }
    }

    /** The versioning rule: a new optional field keeps the version, so consumers must accept fields they don't know. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void anEventWithAnUnknownExtraFieldIsStillValid(LedgerEvent event) {
        ObjectNode json = toJson(event);
        json.put("lot_id", "a-field-added-in-a-later-release");
        json.putObject("origin").put("channel", "web");

        assertThat(errors(schemaIdOf(event), json)).isEmpty();
    }

    private static TreeSet<String> names(JsonNode object) {
        TreeSet<String> names = new TreeSet<>();
        Iterator<String> it = object.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
