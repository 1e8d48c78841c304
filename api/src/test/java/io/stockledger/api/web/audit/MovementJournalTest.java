package io.stockledger.api.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /v1/ledger/movements}: the movement journal as a JSON page, and as a CSV export. */
class MovementJournalTest extends ServiceIntegrationTest {

    static final List<String> CSV_HEADER = List.of("global_position", "event_id", "product_id", "warehouse_id",
            "sequence_number", "movement_type", "on_hand_delta", "reserved_delta", "reservation_id", "reason", "note",
            "requester_id", "trace_id", "occurred_at", "lots", "order_id", "line_id");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String NOTE = "Forklift, \"Bay 7\"";

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();
    private final UUID otherWarehouse = UUID.randomUUID();

    @BeforeEach
    void aHistory() {
        assertThat(client.receive(product, warehouse, 100).status()).isEqualTo(200);
        String shipped = client.reserve(product, warehouse, 10, LedgerClient.key()).text("reservation_id");
        assertThat(client.confirm(shipped).status()).isEqualTo(200);
        String cancelled = client.reserve(product, warehouse, 5, LedgerClient.key()).text("reservation_id");
        assertThat(client.release(cancelled).status()).isEqualTo(200);
        Response adjusted = client.post("/v1/adjust", Map.of("product_id", product.toString(), "warehouse_id",
                warehouse.toString(), "quantity", -2, "reason", "DAMAGE", "idempotency_key", LedgerClient.key(),
                "note", NOTE));
        assertThat(adjusted.status()).as(adjusted.raw()).isEqualTo(200);
        assertThat(client.receive(product, otherWarehouse, 30).status()).isEqualTo(200);
        assertThat(client.receive(UUID.randomUUID(), warehouse, 30).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM stock_movement WHERE product_id = ?", Long.class, product) == 7);
    }

    private String movements(String query) {
        return "/v1/ledger/movements?product_id=" + product + query;
    }

    @Test
    void jsonListsTheJournalInGlobalOrder() {
        Response listed = client.get(movements("&warehouse_id=" + warehouse));

        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        assertThat(listed.contentType()).startsWith("application/json");
        JsonNode rows = listed.body().path("movements");
        assertThat(rows.findValuesAsText("movement_type"))
                .containsExactly("RECEIPT", "RESERVATION", "SHIPMENT", "RESERVATION", "RELEASE", "ADJUSTMENT");
        assertThat(rows.findValues("on_hand_delta")).extracting(JsonNode::asInt).containsExactly(100, 0, -10, 0, 0, -2);
        assertThat(rows.findValues("reserved_delta")).extracting(JsonNode::asInt).containsExactly(0, 10, -10, 5, -5, 0);
        assertThat(rows.findValues("sequence_number")).extracting(JsonNode::asLong)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(rows.findValuesAsText("requester_id")).containsOnly("test-admin");
        assertThat(rows.get(5).path("reason").asText()).isEqualTo("DAMAGE");
        assertThat(rows.get(5).path("note").asText()).isEqualTo(NOTE);
        assertThat(rows.get(2).path("reservation_id").asText()).isEqualTo(rows.get(1).path("reservation_id").asText());
        assertThat(rows.get(0).has("reservation_id")).as("absent, not null").isFalse();
        assertThat(listed.body().get("next_from_position").isNull()).isTrue();
        assertThat(rows.findValues("global_position")).extracting(JsonNode::asLong)
                .isEqualTo(jdbc.queryForList("""
                        SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?
                         ORDER BY sequence_number""", Long.class, product + ":" + warehouse));
    }

    @Test
    void filtersNarrowTheJournal() {
        Response everyWarehouse = client.get(movements(""));
        assertThat(everyWarehouse.body().path("movements")).hasSize(7);
        assertThat(everyWarehouse.body().path("movements").findValuesAsText("warehouse_id"))
                .containsOnly(warehouse.toString(), otherWarehouse.toString());

        Response reservations = client.get(movements("&warehouse_id=" + warehouse + "&type=RESERVATION"));
        assertThat(reservations.body().path("movements").findValuesAsText("movement_type"))
                .containsExactly("RESERVATION", "RESERVATION");
        assertThat(client.get(movements("&type=RECEIPT")).body().path("movements")).hasSize(2);
        assertThat(client.get(movements("&type=EXPIRY")).body().path("movements")).isEmpty();

        JsonNode all = everyWarehouse.body().path("movements");
        String fourth = all.get(3).path("occurred_at").asText();
        List<Long> fromFourth = new ArrayList<>();
        all.forEach(row -> {
            if (!Instant.parse(row.path("occurred_at").asText()).isBefore(Instant.parse(fourth))) {
                fromFourth.add(row.path("global_position").asLong());
            }
        });
        assertThat(client.get(movements("&from=" + fourth)).body().path("movements").findValues("global_position"))
                .extracting(JsonNode::asLong).isEqualTo(fromFourth);
        assertThat(client.get(movements("&from=" + fourth + "&to=" + fourth)).body().path("movements"))
                .as("from and to are both inclusive").isNotEmpty();
        assertThat(client.get(movements("&to=2000-01-01T00:00:00Z")).body().path("movements")).isEmpty();
        assertThat(client.get("/v1/ledger/movements?product_id=" + UUID.randomUUID()).body().path("movements"))
                .as("a product without movements: an empty journal, not an error").isEmpty();
    }

    @Test
    void jsonPagesFollowTheGlobalPosition() {
        List<Long> seen = new ArrayList<>();
        String from = "0";
        int pages = 0;
        while (from != null) {
            Response page = client.get(movements("&limit=3&from_position=" + from));
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("movements").forEach(row -> seen.add(row.path("global_position").asLong()));
            JsonNode next = page.body().get("next_from_position");
            from = next.isNull() ? null : next.asText();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates().isSorted();
        assertThat(seen).isEqualTo(jdbc.queryForList(
                "SELECT global_position FROM stock_movement WHERE product_id = ? ORDER BY 1", Long.class, product));
    }

    @Test
    void csvIsTheSameJournalWithAHeaderAndRfc4180Quoting() throws Exception {
        HttpResponse<String> exported = getCsv(movements("&warehouse_id=" + warehouse), TestTokens.admin());

        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(exported.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains(".csv");
        assertThat(exported.headers().firstValue("X-Trace-ID")).isPresent();
        assertThat(exported.body()).contains(",\"Forklift, \"\"Bay 7\"\"\",");
        List<List<String>> records = Csv.parse(exported.body());
        assertThat(records.getFirst()).isEqualTo(CSV_HEADER);
        List<List<String>> rows = records.subList(1, records.size());
        assertThat(rows).hasSize(6).allSatisfy(row -> assertThat(row).hasSize(CSV_HEADER.size()));

        JsonNode json = client.get(movements("&warehouse_id=" + warehouse)).body().path("movements");
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            JsonNode expected = json.get(i);
            for (int column = 0; column < CSV_HEADER.size(); column++) {
                String name = CSV_HEADER.get(column);
                String value = row.get(column);
                if (name.equals("occurred_at")) {
                    assertThat(Instant.parse(value)).isEqualTo(Instant.parse(expected.path(name).asText()));
                } else if (name.equals("lots")) {
                    List<String> pairs = new java.util.ArrayList<>();
                    expected.path(name).forEach(lot -> pairs.add(lot.path("batch_number").asText() + ":"
                            + lot.path("quantity").asInt()));
                    assertThat(value).as("row %d, lots", i).isEqualTo(String.join(";", pairs)).isNotEmpty();
                } else {
                    assertThat(value).as("row %d, %s", i, name)
                            .isEqualTo(expected.has(name) ? expected.path(name).asText() : "");
                }
            }
        }
        assertThat(rows.get(5).get(CSV_HEADER.indexOf("note"))).isEqualTo(NOTE);
        assertThat(rows.get(0).get(CSV_HEADER.indexOf("note"))).as("absent: an empty field").isEmpty();
    }

    @Test
    void csvTakesTheSameFilters() throws Exception {
        HttpResponse<String> shipments = getCsv(movements("&type=SHIPMENT"), TestTokens.admin());
        List<List<String>> records = Csv.parse(shipments.body());
        assertThat(records).hasSize(2);
        assertThat(records.get(1).get(CSV_HEADER.indexOf("movement_type"))).isEqualTo("SHIPMENT");

        HttpResponse<String> everyWarehouse = getCsv(movements(""), TestTokens.admin());
        assertThat(Csv.parse(everyWarehouse.body())).hasSize(1 + 7);

        HttpResponse<String> nothing = getCsv("/v1/ledger/movements?product_id=" + UUID.randomUUID(),
                TestTokens.admin());
        assertThat(nothing.statusCode()).isEqualTo(200);
        assertThat(Csv.parse(nothing.body())).containsExactly(CSV_HEADER);
    }

    @Test
    void badParametersAreValidationFailuresNamingTheParameter() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/v1/ledger/movements", "product_id");
        cases.put("/v1/ledger/movements?warehouse_id=" + warehouse, "product_id");
        cases.put("/v1/ledger/movements?product_id=nope", "product_id");
        cases.put("/v1/ledger/movements?order_id=has%20a%20space", "order_id");
        cases.put("/v1/ledger/movements?order_id=" + "x".repeat(129), "order_id");
        cases.put("/v1/ledger/movements?order_id=web-1&product_id=nope", "product_id");
        cases.put(movements("&warehouse_id=12"), "warehouse_id");
        cases.put(movements("&type=SOLD"), "type");
        cases.put(movements("&type=receipt"), "type");
        cases.put(movements("&from=last-week"), "from");
        cases.put(movements("&to=2025-02-30T00:00:00Z"), "to");
        cases.put(movements("&from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z"), "to");
        cases.put(movements("&produkt=1"), "produkt");
        Map<String, String> jsonOnly = new LinkedHashMap<>(cases);
        jsonOnly.put(movements("&limit=0"), "limit");
        jsonOnly.put(movements("&limit=1001"), "limit");
        jsonOnly.put(movements("&from_position=-5"), "from_position");

        jsonOnly.forEach((path, field) -> {
            Response response = client.get(path);
            assertThat(response.status()).as("%s: %s", path, response.raw()).isEqualTo(422);
            assertThat(response.text("code")).isEqualTo("VALIDATION_FAILED");
            assertThat(response.body().at("/errors/0/field").asText()).as(path).isEqualTo(field);
        });
        cases.put(movements("&limit=10"), "limit"); // the export has every row: a limit there is a mistake
        for (Map.Entry<String, String> csvCase : cases.entrySet()) {
            HttpResponse<String> response = getCsv(csvCase.getKey(), TestTokens.admin());
            assertThat(response.statusCode()).as("%s: %s", csvCase.getKey(), response.body()).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(response.headers().firstValue("Content-Disposition")).isEmpty();
            assertThat(response.body()).contains("\"field\":\"" + csvCase.getValue() + "\"");
        }
    }

    @Test
    void onlyAuditorsMayReadTheJournal() throws Exception {
        String reader = TestTokens.withPermissions("x", "inventory:read");
        Response forbidden = client.withToken(reader).get(movements(""));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.text("required_permission")).isEqualTo("audit:read");
        HttpResponse<String> forbiddenCsv = getCsv(movements(""), reader);
        assertThat(forbiddenCsv.statusCode()).isEqualTo(403);
        assertThat(forbiddenCsv.headers().firstValue("Content-Type").orElseThrow())
                .startsWith("application/problem+json");

        assertThat(client.withToken(null).get(movements("")).status()).isEqualTo(401);
        assertThat(getCsv(movements(""), null).statusCode()).isEqualTo(401);

        String auditor = TestTokens.withRoles("auditor-1", "auditor");
        assertThat(client.withToken(auditor).get(movements("")).status()).isEqualTo(200);
        assertThat(getCsv(movements(""), auditor).statusCode()).isEqualTo(200);
    }

    HttpResponse<String> getCsv(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Accept", "text/csv").timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
