package io.stockledger.api.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.support.ExpectedProblems;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.ValidationProblems;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/ledger/{product_id}/{warehouse_id}/events}: an auditor replays a ledger straight from the event
 * store, page by page, and sees who did what, when and why.
 */
class LedgerHistoryTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();

    /** What the script did, event by event: the trace id of the request and the idempotency key it carried. */
    private final List<String> traceIds = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    @BeforeEach
    void aHistory() throws InterruptedException {
        String receiveKey = LedgerClient.key();
        record(client.postRaw("/v1/receive", """
                {"product_id":"%s","warehouse_id":"%s","quantity":100,"unit_cost":2.50,"idempotency_key":"%s"}"""
                .formatted(product, warehouse, receiveKey)), receiveKey);
        String shippedKey = LedgerClient.key();
        Response shipped = record(client.reserve(product, warehouse, 10, shippedKey), shippedKey);
        record(client.confirm(shipped.text("reservation_id")), null);
        Thread.sleep(20); // the store keeps milliseconds: make "after the confirmation" a different instant
        String cancelledKey = LedgerClient.key();
        Response cancelled = record(client.reserve(product, warehouse, 5, cancelledKey), cancelledKey);
        record(client.release(cancelled.text("reservation_id")), null);
        String adjustKey = LedgerClient.key();
        record(client.adjust(product, warehouse, -2, "DAMAGE", adjustKey), adjustKey);
        // another ledger's events must not leak into this one's history
        client.receive(product, UUID.randomUUID(), 7);
        client.receive(UUID.randomUUID(), warehouse, 7);
    }

    private Response record(Response response, String key) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        traceIds.add(response.traceId());
        keys.add(key);
        return response;
    }

    private String history() {
        return "/v1/ledger/" + product + "/" + warehouse + "/events";
    }

    @Test
    void everyEventComesBackInSequenceOrderAsTheEventStoreHoldsIt() throws Exception {
        Response history = client.get(history());

        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        assertThat(history.contentType()).startsWith("application/json");
        JsonNode events = history.body().path("events");
        assertThat(events).hasSize(6);
        assertThat(history.body().has("next_from_sequence")).as("the cursor is always there").isTrue();
        assertThat(history.body().get("next_from_sequence").isNull()).as("no further page").isTrue();

        assertThat(events.findValuesAsText("event_type")).containsExactly("StockReceived", "ReservationRequested",
                "ReservationConfirmed", "ReservationRequested", "ReservationReleased", "StockAdjusted");
        assertThat(events.findValuesAsText("schema_id")).containsExactly("inventory.stock.received.v1",
                "inventory.reserve.request.v1", "inventory.reserve.confirmed.v1", "inventory.reserve.request.v1",
                "inventory.reserve.released.v1", "inventory.stock.adjusted.v1");
        assertThat(events.findValues("sequence_number")).extracting(JsonNode::asLong)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);

        List<Map<String, Object>> stored = jdbc.queryForList("""
                SELECT global_index, time_stamp, convert_from(payload, 'UTF8') AS payload,
                       convert_from(meta_data, 'UTF8')::json->>'chain_hash' AS chain_hash
                  FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                product + ":" + warehouse);
        assertThat(stored).hasSize(6);
        for (int i = 0; i < 6; i++) {
            JsonNode event = events.get(i);
            Map<String, Object> row = stored.get(i);
            assertThat(event.path("global_position").asLong()).as("global position of event %d", i)
                    .isEqualTo(((Number) row.get("global_index")).longValue());
            assertThat(Instant.parse(event.path("timestamp").asText())).as("timestamp of event %d", i)
                    .isEqualTo(Instant.parse((String) row.get("time_stamp")));
            assertThat(event.path("payload")).as("payload of event %d", i)
                    .isEqualTo(JSON.readTree((String) row.get("payload")));
            assertThat(event.path("payload").path("product_id").asText()).isEqualTo(product.toString());

            JsonNode metadata = event.path("metadata");
            assertThat(metadata.path("actor").asText()).as("the token's subject").isEqualTo("test-admin");
            assertThat(metadata.path("trace_id").asText()).as("trace id of event %d", i).isEqualTo(traceIds.get(i));
            assertThat(metadata.path("chain_hash").asText()).as("hash of event %d", i).matches("[0-9a-f]{64}")
                    .isEqualTo(row.get("chain_hash"));
            if (keys.get(i) == null) {
                assertThat(metadata.has("idempotency_key")).as("event %d has no key", i).isFalse();
            } else {
                assertThat(metadata.path("idempotency_key").asText()).isEqualTo(keys.get(i));
            }
        }
        assertThat(events.get(5).at("/metadata/reason").asText()).isEqualTo("DAMAGE");
        assertThat(events.findValues("metadata").stream().filter(metadata -> metadata.has("reason")))
                .as("only the adjustment has a reason").hasSize(1);
        assertThat((String) stored.get(0).get("payload")).contains("\"unit_cost\":2.50");
        assertThat(history.raw()).as("decimals keep their scale").contains("\"unit_cost\":2.50");
        assertThat(events.get(2).at("/payload/reservation_id").asText())
                .isEqualTo(events.get(1).at("/payload/reservation_id").asText());
    }

    @Test
    void theActorIsWhoeverCausedTheEvent() {
        LedgerClient warehouseOperator = client.withToken(TestTokens.withRoles("operator-7", "warehouse"));
        assertThat(warehouseOperator.adjust(product, warehouse, 3, "FOUND", LedgerClient.key()).status())
                .isEqualTo(200);

        JsonNode events = client.get(history() + "?from_sequence=6").body().path("events");

        assertThat(events).hasSize(1);
        assertThat(events.get(0).at("/metadata/actor").asText()).isEqualTo("operator-7");
        assertThat(events.get(0).at("/metadata/reason").asText()).isEqualTo("FOUND");
    }

    @Test
    void aSmallLimitWalksTheWholeHistoryExactlyOnceEvenWhileItGrows() {
        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String from = "0";
        boolean grew = false;
        while (from != null) {
            Response page = client.get(history() + "?limit=2&from_sequence=" + from);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("events").forEach(event -> seen.add(event.path("sequence_number").asLong()));
            pageSizes.add(page.body().path("events").size());
            JsonNode next = page.body().get("next_from_sequence");
            from = next.isNull() ? null : next.asText();
            if (!grew) {
                // a write in the middle of the walk: it lands at the end, and is seen once
                assertThat(client.adjust(product, warehouse, 1, "FOUND", LedgerClient.key()).status()).isEqualTo(200);
                grew = true;
            }
        }

        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(pageSizes).containsExactly(2, 2, 2, 1);
    }

    @Test
    void pagesEndWhereTheHistoryEnds() {
        Response first = client.get(history() + "?limit=3");
        assertThat(first.body().path("events")).hasSize(3);
        assertThat(first.body().path("next_from_sequence").asLong()).isEqualTo(3);

        Response last = client.get(history() + "?limit=3&from_sequence=3");
        assertThat(last.body().path("events").findValues("sequence_number")).extracting(JsonNode::asLong)
                .containsExactly(3L, 4L, 5L);
        assertThat(last.body().get("next_from_sequence").isNull()).as("exactly the last events: no next page")
                .isTrue();

        Response beyond = client.get(history() + "?from_sequence=100");
        assertThat(beyond.status()).as("a known ledger, nothing that far").isEqualTo(200);
        assertThat(beyond.body().path("events")).isEmpty();
        assertThat(beyond.body().get("next_from_sequence").isNull()).isTrue();
    }

    @Test
    void toBoundsTheHistoryByTheStoresTimestamp() {
        JsonNode all = client.get(history()).body().path("events");
        String confirmedAt = all.get(2).path("timestamp").asText();
        List<Long> upToConfirmation = new ArrayList<>();
        all.forEach(event -> {
            if (!Instant.parse(event.path("timestamp").asText()).isAfter(Instant.parse(confirmedAt))) {
                upToConfirmation.add(event.path("sequence_number").asLong());
            }
        });
        assertThat(upToConfirmation).containsExactly(0L, 1L, 2L);

        Response bounded = client.get(history() + "?to=" + confirmedAt);
        assertThat(bounded.status()).as(bounded.raw()).isEqualTo(200);
        assertThat(bounded.body().path("events").findValues("sequence_number")).extracting(JsonNode::asLong)
                .isEqualTo(upToConfirmation);

        // the same instant written with an offset ('+' encoded, as in any query string)
        String withOffset = Instant.parse(confirmedAt).atOffset(ZoneOffset.ofHours(2)).toString();
        Response offset = client.get(history() + "?to=" + withOffset.replace("+", "%2B"));
        assertThat(offset.body().path("events").findValues("sequence_number")).extracting(JsonNode::asLong)
                .isEqualTo(upToConfirmation);

        Response paged = client.get(history() + "?to=" + confirmedAt + "&limit=2");
        assertThat(paged.body().path("events")).hasSize(2);
        assertThat(paged.body().path("next_from_sequence").asLong()).isEqualTo(2);
        Response rest = client.get(history() + "?to=" + confirmedAt + "&limit=2&from_sequence=2");
        assertThat(rest.body().path("events")).hasSize(1);
        assertThat(rest.body().get("next_from_sequence").isNull()).as("nothing else up to `to`").isTrue();

        Response beforeAnything = client.get(history() + "?to=2000-01-01T00:00:00Z");
        assertThat(beforeAnything.status()).isEqualTo(200);
        assertThat(beforeAnything.body().path("events")).isEmpty();
    }

    @Test
    void aLedgerWithoutEventsIsNotFound() {
        Response unknown = client.get("/v1/ledger/" + UUID.randomUUID() + "/" + warehouse + "/events");

        ExpectedProblems.assertProblem(unknown, 404, "STOCK_LEDGER_NOT_FOUND");
        assertThat(unknown.text("trace_id")).isEqualTo(unknown.traceId());
    }

    @Test
    void badParametersAreValidationFailuresNamingTheParameter() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/v1/ledger/not-a-uuid/" + warehouse + "/events", "product_id");
        cases.put("/v1/ledger/" + product + "/12345/events", "warehouse_id");
        cases.put(history() + "?to=yesterday", "to");
        cases.put(history() + "?to=2025-01-31", "to");
        cases.put(history() + "?to=2025-01-31T10:00:00", "to"); // no offset: which instant would it be?
        cases.put(history() + "?limit=0", "limit");
        cases.put(history() + "?limit=1001", "limit");
        cases.put(history() + "?limit=ten", "limit");
        cases.put(history() + "?limit=", "limit");
        cases.put(history() + "?from_sequence=-1", "from_sequence");
        cases.put(history() + "?from_sequence=1.5", "from_sequence");
        cases.put(history() + "?form_sequence=3", "form_sequence"); // a misspelt parameter is not ignored

        ValidationProblems.assertEachGetRefused(client, cases);
        assertThat(client.get(history() + "?limit=1000").status()).isEqualTo(200);
        assertThat(client.get(history() + "?limit=1").body().path("events")).hasSize(1);
    }

    @Test
    void onlyAuditorsMayReadTheHistory() {
        Response withoutAuditRead = client.withToken(TestTokens.withPermissions("x", "inventory:read"))
                .get(history());
        assertThat(withoutAuditRead.status()).isEqualTo(403);
        assertThat(withoutAuditRead.text("code")).isEqualTo("FORBIDDEN");
        assertThat(withoutAuditRead.text("required_permission")).isEqualTo("audit:read");

        Response withoutToken = client.withToken(null).get(history());
        assertThat(withoutToken.status()).isEqualTo(401);
        assertThat(withoutToken.text("code")).isEqualTo("UNAUTHENTICATED");

        Response auditor = client.withToken(TestTokens.withRoles("auditor-1", "auditor")).get(history());
        assertThat(auditor.status()).isEqualTo(200);
        assertThat(auditor.body().path("events")).hasSize(6);
    }
}
