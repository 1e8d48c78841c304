package io.stockledger.api.order;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.AuditJobRuns;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Whole orders over HTTP: reserved all or nothing, sourced by the rules, confirmed and released as one. */
class OrderTest extends ServiceIntegrationTest {

    private final UUID north = UUID.randomUUID();
    private final UUID south = UUID.randomUUID();

    static Map<String, Object> line(String lineId, UUID product, int quantity) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("line_id", lineId);
        line.put("product_id", product.toString());
        line.put("quantity", quantity);
        return line;
    }

    static Map<String, Object> from(Map<String, Object> line, UUID warehouse) {
        line.put("warehouse_id", warehouse.toString());
        return line;
    }

    static Map<String, Object> order(String orderId, String key, List<UUID> warehouses, List<Map<String, Object>> lines) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("order_id", orderId);
        order.put("idempotency_key", key);
        order.put("ttl_seconds", 600);
        if (!warehouses.isEmpty()) {
            order.put("warehouse_ids", warehouses.stream().map(UUID::toString).toList());
        }
        order.put("lines", lines);
        return order;
    }

    private static String orderId() {
        return "web-" + UUID.randomUUID();
    }

    /** A product no other test uses, with this stock received in the north and the south warehouse (0: none). */
    private UUID newProductStocked(int inNorth, int inSouth) {
        UUID product = UUID.randomUUID();
        if (inNorth > 0) {
            client.receive(product, north, inNorth);
        }
        if (inSouth > 0) {
            client.receive(product, south, inSouth);
        }
        return product;
    }

    private long available(UUID product, UUID warehouse) {
        Response stock = client.stock(product, warehouse);
        return stock.status() == 404 ? 0 : stock.number("available");
    }

    private long reserved(UUID product, UUID warehouse) {
        Response stock = client.stock(product, warehouse);
        return stock.status() == 404 ? 0 : stock.number("reserved");
    }

    private void readModelsShow(UUID product, UUID warehouse, long reserved) {
        await().atMost(Duration.ofSeconds(10)).until(() -> reserved(product, warehouse) == reserved);
    }

    private static List<String> allocations(JsonNode order, String lineId) {
        List<String> found = new ArrayList<>();
        for (JsonNode line : order.path("lines")) {
            if (line.path("line_id").asText().equals(lineId)) {
                line.path("allocations").forEach(allocation -> found.add(
                        allocation.path("warehouse_id").asText() + "=" + allocation.path("quantity").asInt()));
            }
        }
        return found;
    }

    @Test
    void anOrderSplitOverTwoWarehousesIsReservedConfirmedAndShownAsOne() {
        UUID soap = newProductStocked(3, 10);
        UUID milk = newProductStocked(5, 0);
        String id = orderId();

        Response reserved = client.post("/v1/orders/reserve", order(id, LedgerClient.key(), List.of(north, south),
                List.of(line("1", soap, 8), line("2", milk, 4))));

        assertThat(reserved.status()).as(reserved.raw()).isEqualTo(200);
        assertThat(reserved.text("status")).isEqualTo("PENDING");
        assertThat(reserved.body().path("replayed").asBoolean()).isFalse();
        assertThat(allocations(reserved.body(), "1")).as("north has too few: all of it from the next, south")
                .containsExactly(south + "=8");
        assertThat(allocations(reserved.body(), "2")).containsExactly(north + "=4");
        readModelsShow(soap, south, 8);
        readModelsShow(milk, north, 4);

        Response confirmed = client.post("/v1/orders/" + id + "/confirm", Map.of());
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("CONFIRMED");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(soap, south).number("on_hand") == 2
                && client.stock(milk, north).number("on_hand") == 1);

        Response again = client.post("/v1/orders/" + id + "/confirm", Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("replayed").asBoolean()).as("confirming twice writes nothing").isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> "CONFIRMED".equals(
                client.get("/v1/orders/" + id).body().path("lines").path(0).path("status").asText()));
        Response shown = client.get("/v1/orders/" + id);
        assertThat(shown.text("status")).isEqualTo("CONFIRMED");
        String reservationId = shown.body().path("lines").path(0).path("allocations").path(0)
                .path("reservation_id").asText();
        Response reservation = client.get("/v1/reservations/" + reservationId);
        assertThat(reservation.text("order_id")).isEqualTo(id);
        assertThat(reservation.text("line_id")).isEqualTo("1");
    }

    @Test
    void aLineNoWarehouseCoversAloneIsSplitOverTheListInOrder() {
        UUID soap = newProductStocked(4, 10);

        Response reserved = client.post("/v1/orders/reserve", order(orderId(), LedgerClient.key(),
                List.of(north, south), List.of(line("1", soap, 12))));

        assertThat(reserved.status()).as(reserved.raw()).isEqualTo(200);
        assertThat(allocations(reserved.body(), "1")).containsExactly(north + "=4", south + "=8");
    }

    @Test
    void anOrderThatCannotBeServedWholeWritesNothingAnywhere() {
        UUID soap = newProductStocked(10, 0);
        UUID milk = newProductStocked(1, 0);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        Response refused = client.post("/v1/orders/reserve", order(orderId(), LedgerClient.key(), List.of(north),
                List.of(line("1", soap, 2), line("2", milk, 3), line("3", soap, 5), line("4", soap, 4))));

        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("INSUFFICIENT_STOCK");
        JsonNode shortages = refused.body().path("shortages");
        assertThat(shortages).hasSize(2);
        assertThat(shortages.path(0).path("line_id").asText()).isEqualTo("2");
        assertThat(shortages.path(0).path("requested").asInt()).isEqualTo(3);
        assertThat(shortages.path(0).path("available").asInt()).isEqualTo(1);
        assertThat(shortages.path(1).path("line_id").asText()).as("lines of one product share its stock")
                .isEqualTo("4");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .as("no event on any ledger").isEqualTo(events);
        await().atMost(Duration.ofSeconds(10)).until(() -> available(soap, north) == 10);
        assertThat(reserved(soap, north)).isZero();
    }

    @Test
    void aSingleWarehouseOrderTakesEveryLineFromTheFirstThatHasThemAll() {
        UUID soap = newProductStocked(5, 5);
        UUID milk = newProductStocked(0, 5);
        Map<String, Object> order = order(orderId(), LedgerClient.key(), List.of(north, south),
                List.of(line("1", soap, 1), line("2", milk, 1)));
        order.put("sourcing", "SINGLE_WAREHOUSE");

        Response reserved = client.post("/v1/orders/reserve", order);

        assertThat(reserved.status()).as(reserved.raw()).isEqualTo(200);
        assertThat(allocations(reserved.body(), "1")).containsExactly(south + "=1");
        assertThat(allocations(reserved.body(), "2")).containsExactly(south + "=1");
    }

    @Test
    void aMinimumShelfLifeTheStockDoesNotLastIsRefusedAsSuch() {
        UUID milk = UUID.randomUUID();
        client.receiveLot(milk, north, 20, "M-SOON", LocalDate.now().plusDays(3));
        Map<String, Object> line = from(line("1", milk, 2), north);
        line.put("min_shelf_life_days", 10);

        Response refused = client.post("/v1/orders/reserve", order(orderId(), LedgerClient.key(), List.of(),
                List.of(line)));

        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("INSUFFICIENT_SHELF_LIFE");
        assertThat(refused.body().path("shortages").path(0).path("available").asInt()).isZero();
    }

    @Test
    void aRetryGetsTheFirstAnswerAndAnotherKeyForTheSameOrderIsAConflict() {
        UUID soap = newProductStocked(10, 0);
        String id = orderId();
        String key = LedgerClient.key();
        Map<String, Object> request = order(id, key, List.of(north), List.of(line("1", soap, 3)));

        Response first = client.post("/v1/orders/reserve", request);
        Response retry = client.post("/v1/orders/reserve", request);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().path("replayed").asBoolean()).isTrue();
        assertThat(retry.body().path("lines")).isEqualTo(first.body().path("lines"));
        readModelsShow(soap, north, 3);

        Response otherKey = client.post("/v1/orders/reserve", order(id, LedgerClient.key(), List.of(north),
                List.of(line("1", soap, 3))));
        assertThat(otherKey.status()).isEqualTo(409);
        assertThat(otherKey.text("code")).isEqualTo("ORDER_EXISTS");

        Response otherBody = client.post("/v1/orders/reserve", order(id, key, List.of(north),
                List.of(line("1", soap, 4))));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.text("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");

        Response keyOfAnOrder = client.post("/v1/reserve", LedgerClient.reserveBody(soap, north, 1, key, 300));
        assertThat(keyOfAnOrder.status()).as("an order's key is single-use like any other").isEqualTo(422);
        assertThat(reserved(soap, north)).isEqualTo(3);
    }

    @Test
    void releasingOneLineLeavesTheOthersPendingAndTheOrderConfirmable() {
        UUID soap = newProductStocked(10, 0);
        UUID milk = newProductStocked(10, 0);
        String id = orderId();
        client.post("/v1/orders/reserve", order(id, LedgerClient.key(), List.of(north),
                List.of(line("1", soap, 2), line("2", milk, 3))));

        Response lineReleased = client.post("/v1/orders/" + id + "/lines/2/release", Map.of());
        assertThat(lineReleased.status()).as(lineReleased.raw()).isEqualTo(200);
        assertThat(lineReleased.text("status")).isEqualTo("PENDING");
        assertThat(lineReleased.body().path("lines").path(1).path("status").asText()).isEqualTo("RELEASED");
        assertThat(lineReleased.body().path("lines").path(0).path("status").asText()).isEqualTo("PENDING");

        Response confirmed = client.post("/v1/orders/" + id + "/confirm", Map.of());
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.body().path("lines").path(0).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.body().path("lines").path(1).path("status").asText()).isEqualTo("RELEASED");
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(milk, north).number("available") == 10);
        assertThat(client.stock(soap, north).number("on_hand")).isEqualTo(8);
        assertThat(AuditJobRuns.run(client, "/v1/audit/verify", null).path("findings").asLong())
                .as("the order's events are chained like any").isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> AuditJobRuns.run(client, "/v1/audit/reconcile", null)
                .path("findings").asLong() == 0);

        Response releaseConfirmed = client.post("/v1/orders/" + id + "/release", Map.of());
        assertThat(releaseConfirmed.status()).isEqualTo(409);
        assertThat(releaseConfirmed.text("code")).isEqualTo("RESERVATION_CONFIRMED");
        assertThat(client.post("/v1/orders/" + id + "/lines/9/release", Map.of()).text("code"))
                .isEqualTo("ORDER_LINE_NOT_FOUND");
    }

    @Test
    void aReleasedOrderGivesEveryUnitBackAndCannotBeConfirmed() {
        UUID soap = newProductStocked(6, 6);
        String id = orderId();
        client.post("/v1/orders/reserve", order(id, LedgerClient.key(), List.of(north, south),
                List.of(line("1", soap, 9))));

        Response released = client.post("/v1/orders/" + id + "/release", Map.of());
        assertThat(released.status()).as(released.raw()).isEqualTo(200);
        assertThat(released.text("status")).isEqualTo("RELEASED");
        readModelsShow(soap, north, 0);
        readModelsShow(soap, south, 0);

        Response confirm = client.post("/v1/orders/" + id + "/confirm", Map.of());
        assertThat(confirm.status()).isEqualTo(409);
        assertThat(confirm.text("code")).isEqualTo("RESERVATION_RELEASED");
    }

    @Test
    void anUnknownOrderIsNotFoundAndAMalformedOneIsAValidationError() {
        assertThat(client.get("/v1/orders/no-such-order").text("code")).isEqualTo("ORDER_NOT_FOUND");
        assertThat(client.post("/v1/orders/no-such-order/confirm", Map.of()).status()).isEqualTo(404);
        Response malformed = client.get("/v1/orders/has%20a%20space");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.body().path("errors").path(0).path("field").asText()).isEqualTo("order_id");
    }

    @Test
    void badOrdersAreRefusedFieldByField() {
        UUID soap = UUID.randomUUID();
        Response duplicateLine = client.post("/v1/orders/reserve", order(orderId(), LedgerClient.key(),
                List.of(north), List.of(line("1", soap, 1), line("1", soap, 1))));
        assertThat(duplicateLine.status()).isEqualTo(422);
        assertThat(duplicateLine.body().path("errors").path(0).path("field").asText()).isEqualTo("lines[1].line_id");

        Response noWarehouse = client.post("/v1/orders/reserve", order(orderId(), LedgerClient.key(), List.of(),
                List.of(line("1", soap, 1))));
        assertThat(noWarehouse.status()).isEqualTo(422);
        assertThat(noWarehouse.body().path("errors").path(0).path("field").asText())
                .isEqualTo("lines[0].warehouse_id");

        Response tooMuch = client.post("/v1/orders/reserve", order(orderId(), LedgerClient.key(), List.of(north),
                List.of(line("1", soap, 1001))));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.body().path("errors").path(0).path("field").asText()).isEqualTo("lines[0].quantity");

        Map<String, Object> badSourcing = order(orderId(), LedgerClient.key(), List.of(north),
                List.of(line("1", soap, 1)));
        badSourcing.put("sourcing", "CHEAPEST");
        assertThat(client.post("/v1/orders/reserve", badSourcing).status()).isEqualTo(422);

        Response badId = client.post("/v1/orders/reserve", order("spaces are not allowed", LedgerClient.key(),
                List.of(north), List.of(line("1", soap, 1))));
        assertThat(badId.status()).isEqualTo(422);
        assertThat(badId.body().path("errors").path(0).path("field").asText()).isEqualTo("order_id");
    }

    @Test
    void anAuditorListsAnOrdersMovementsAndTheReadModelsStillAgreeAfterARebuild() throws Exception {
        UUID soap = newProductStocked(3, 10);
        UUID milk = newProductStocked(5, 0);
        client.reserve(milk, north, 1, LedgerClient.key()); // a reservation of no order: never an order's movement
        String id = orderId();
        Response reserved = client.post("/v1/orders/reserve", order(id, LedgerClient.key(), List.of(north, south),
                List.of(line("1", soap, 12), line("2", milk, 2))));
        assertThat(reserved.status()).as(reserved.raw()).isEqualTo(200);
        assertThat(client.post("/v1/orders/" + id + "/lines/2/release", Map.of()).status()).isEqualTo(200);
        assertThat(client.post("/v1/orders/" + id + "/confirm", Map.of()).status()).isEqualTo(200);
        String auditor = TestTokens.withRoles("auditor-1", "auditor");
        // line 1 split over north and south (2 reservations, each reserved then shipped), line 2 reserved, released
        List<String> expected = List.of("RESERVATION 1 " + north + " 0 3", "RESERVATION 1 " + south + " 0 9",
                "RESERVATION 2 " + north + " 0 2", "RELEASE 2 " + north + " 0 -2", "SHIPMENT 1 " + north + " -3 -3",
                "SHIPMENT 1 " + south + " -9 -9");
        String path = "/v1/ledger/movements?order_id=" + id;
        await().atMost(Duration.ofSeconds(10)).until(() -> movements(client.withToken(auditor).get(path)).size() == 6);

        Response listed = client.withToken(auditor).get(path);
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        assertThat(movements(listed)).as("every movement of the order, in store order, none of the single reservation")
                .containsExactlyInAnyOrderElementsOf(expected);
        listed.body().path("movements").forEach(row -> assertThat(row.path("order_id").asText()).isEqualTo(id));
        Response milkOnly = client.withToken(auditor).get(path + "&product_id=" + milk);
        assertThat(movements(milkOnly)).containsExactly("RESERVATION 2 " + north + " 0 2", "RELEASE 2 " + north + " 0 -2");
        Response ofTheProduct = client.withToken(auditor).get("/v1/ledger/movements?product_id=" + milk);
        assertThat(ofTheProduct.body().path("movements")).as("the single reservation's row names no order")
                .anySatisfy(row -> assertThat(row.has("order_id")).isFalse());

        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Accept", "text/csv").header("Authorization", "Bearer " + auditor).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        List<String> records = List.of(csv.body().split("\r\n"));
        assertThat(records.getFirst()).as("the new columns come last, after the ones consumers already read")
                .endsWith(",occurred_at,lots,order_id,line_id").startsWith("global_position,event_id,product_id,");
        assertThat(records.subList(1, records.size())).hasSize(6)
                .allSatisfy(record -> assertThat(record).matches(".*," + id.replace(".", "\\.") + ",[12]$"));

        assertThat(AuditJobRuns.run(client, "/v1/admin/read-models/rebuild", null).path("status").asText())
                .isEqualTo("SUCCEEDED");
        assertThat(movements(client.withToken(auditor).get(path))).as("rebuilt from the events, the same rows")
                .containsExactlyInAnyOrderElementsOf(expected);
        await().atMost(Duration.ofSeconds(30)).until(() -> AuditJobRuns.run(client, "/v1/audit/reconcile", null)
                .path("findings").asLong() == 0);
    }

    /** Each row as "type line warehouse on-hand-delta reserved-delta". */
    private static List<String> movements(Response page) {
        List<String> rows = new ArrayList<>();
        page.body().path("movements").forEach(row -> rows.add(row.path("movement_type").asText() + " "
                + row.path("line_id").asText() + " " + row.path("warehouse_id").asText() + " "
                + row.path("on_hand_delta").asInt() + " " + row.path("reserved_delta").asInt()));
        return rows;
    }
}
