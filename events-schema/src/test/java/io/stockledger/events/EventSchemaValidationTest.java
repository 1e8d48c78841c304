package io.stockledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
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

        assertThat(errors(schemaIdOf(event), json)).extracting(Error::getKeyword).contains("required");
    }

    @ParameterizedTest(name = "{1} of {0}")
    @MethodSource("requiredFields")
    void anEventWithARequiredFieldSetToNullIsInvalid(LedgerEvent event, String field) {
        ObjectNode json = toJson(event);
        json.putNull(field);

        assertThat(errors(schemaIdOf(event), json)).extracting(Error::getKeyword).contains("type");
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
            ObjectNode json = toJson(event);
            json.put(field, bad);

            assertThat(errors(schemaIdOf(event), json)).as("%s = '%s'", field, bad)
                    .extracting(Error::getKeyword).contains("format");
        }
    }

    @Test
    void anEventWithAUuidAsANumberIsInvalid() {
        ObjectNode json = toJson(SampleEvents.confirmed());
        json.put("reservation_id", 42);

        assertThat(errors("inventory.reserve.confirmed.v1", json)).extracting(Error::getKeyword).contains("type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2025-11-28", "2025-11-28T25:15:30Z", "2025-13-28T08:15:30Z",
            "2025-11-28T08:15:30"})
    void anEventWithABadDateTimeIsInvalid(String bad) {
        for (String field : List.of("timestamp", "expires_at")) {
            ObjectNode json = toJson(SampleEvents.requested());
            json.put(field, bad);

            assertThat(errors("inventory.reserve.request.v1", json)).as("%s = '%s'", field, bad)
                    .extracting(Error::getKeyword).contains("format");
        }
    }

    @Test
    void anInstantWrittenAsEpochNumbersIsInvalid() {
        ObjectNode json = toJson(SampleEvents.expired());
        json.put("expired_at", 1764325530.123456);

        assertThat(errors("inventory.reserve.expired.v1", json)).extracting(Error::getKeyword).contains("type");
    }

    @Test
    void aQuantityWrittenAsTextOrFractionIsInvalid() {
        for (LedgerEvent event : SampleEvents.typical()) {
            if (!toJson(event).has("quantity")) {
                continue; // a picking policy change moves no units
            }
            ObjectNode asText = toJson(event);
            asText.put("quantity", "3");
            ObjectNode asFraction = toJson(event);
            asFraction.put("quantity", 2.5);

            assertThat(errors(schemaIdOf(event), asText)).as(schemaIdOf(event)).isNotEmpty();
            assertThat(errors(schemaIdOf(event), asFraction)).as(schemaIdOf(event)).isNotEmpty();
        }
    }

    @Test
    void reservationsAndReceiptsMoveAtLeastOneUnit() {
        for (LedgerEvent event : List.of(SampleEvents.received(), SampleEvents.requested(), SampleEvents.confirmed(),
                SampleEvents.released(), SampleEvents.expired())) {
            ObjectNode zero = toJson(event);
            zero.put("quantity", 0);
            ObjectNode negative = toJson(event);
            negative.put("quantity", -1);
            ObjectNode one = toJson(event);
            one.put("quantity", 1);

            assertThat(errors(schemaIdOf(event), zero)).as(schemaIdOf(event))
                    .extracting(Error::getKeyword).contains("minimum");
            assertThat(errors(schemaIdOf(event), negative)).as(schemaIdOf(event))
                    .extracting(Error::getKeyword).contains("minimum");
            assertThat(errors(schemaIdOf(event), one)).as(schemaIdOf(event)).isEmpty();
        }
    }

    @Test
    void anAdjustmentMayBeNegativeButNeverZero() {
        ObjectNode down = toJson(SampleEvents.adjustedDown());
        down.put("quantity", -1_000_000);
        ObjectNode zero = toJson(SampleEvents.adjustedDown());
        zero.put("quantity", 0);

        assertThat(errors("inventory.stock.adjusted.v1", down)).isEmpty();
        assertThat(errors("inventory.stock.adjusted.v1", zero)).extracting(Error::getKeyword).contains("not");
    }

    @Test
    void aReservationLivesAtLeastOneSecond() {
        ObjectNode json = toJson(SampleEvents.requested());
        json.put("ttl_seconds", 0);

        assertThat(errors("inventory.reserve.request.v1", json)).extracting(Error::getKeyword).contains("minimum");
    }

    @Test
    void aUnitCostIsANonNegativeNumberOrNothing() {
        ObjectNode negative = toJson(SampleEvents.received());
        negative.put("unit_cost", -0.01);
        ObjectNode text = toJson(SampleEvents.received());
        text.put("unit_cost", "12.345");
        ObjectNode absent = toJson(SampleEvents.received());
        absent.remove("unit_cost");

        assertThat(errors("inventory.stock.received.v1", negative)).extracting(Error::getKeyword).contains("minimum");
        assertThat(errors("inventory.stock.received.v1", text)).extracting(Error::getKeyword).contains("type");
        assertThat(errors("inventory.stock.received.v1", absent)).isEmpty();
    }

    @Test
    void aNoteMayBeNullOrAbsentButIsText() {
        ObjectNode absent = toJson(SampleEvents.adjustedUpWithoutNote());
        absent.remove("note");
        ObjectNode number = toJson(SampleEvents.adjustedDown());
        number.put("note", 7);

        assertThat(errors("inventory.stock.adjusted.v1", absent)).isEmpty();
        assertThat(errors("inventory.stock.adjusted.v1", number)).extracting(Error::getKeyword).contains("type");
    }

    @Test
    void blankActorsTracesReasonsAndKeysAreInvalid() {
        ObjectNode json = toJson(SampleEvents.adjustedDown());
        for (String field : List.of("requester_id", "trace_id", "reason", "idempotency_key")) {
            ObjectNode blank = json.deepCopy();
            blank.put(field, "");

            assertThat(errors("inventory.stock.adjusted.v1", blank)).as(field)
                    .extracting(Error::getKeyword).contains("minLength");
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
