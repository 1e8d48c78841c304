package io.stockledger.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The endpoints the console added under /v1/console, over HTTP against the running service. */
class ConsoleApiTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();

    @Test
    void theSessionNamesTheSubjectAndThePermissionsItsRolesGrant() {
        LedgerClient.Response me = client.withToken(TestTokens.withRoles("ann", "auditor")).get("/v1/console/session");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("subject")).isEqualTo("ann");
        assertThat(me.body().path("permissions").toString()).isEqualTo("[\"audit:read\",\"inventory:read\"]");
        assertThat(client.withToken(null).get("/v1/console/session").status()).isEqualTo(401);
        assertThat(client.withToken(TestTokens.withPermissions("x", "audit:read")).get("/v1/console/session")
                .status()).isEqualTo(403);
    }

    @Test
    void findsSkusByProductOrWarehouseWithEveryFigure() {
        UUID otherWarehouse = UUID.randomUUID();
        client.receive(product, warehouse, 10);
        client.receive(product, otherWarehouse, 4);
        client.receive(UUID.randomUUID(), warehouse, 2);
        assertThat(client.reserve(product, warehouse, 3, LedgerClient.key()).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode byProduct = client.get("/v1/console/ledgers?product_id=" + product).body().path("ledgers");
            assertThat(byProduct).hasSize(2);
            JsonNode first = byProduct.findParents("warehouse_id").stream()
                    .filter(row -> row.path("warehouse_id").asText().equals(warehouse.toString())).findFirst()
                    .orElseThrow();
            assertThat(first.path("reserved").asLong()).isEqualTo(3);
            // the same figures as the SKU's own endpoint
            JsonNode own = client.stock(product, warehouse).body();
            for (String field : List.of("on_hand", "reserved", "available", "blocked", "in_transit_in",
                    "in_transit_out")) {
                assertThat(first.path(field)).as(field).isEqualTo(own.path(field));
            }
        });
        JsonNode byWarehouse = client.get("/v1/console/ledgers?warehouse_id=" + warehouse).body().path("ledgers");
        assertThat(byWarehouse).hasSize(2);
        assertThat(byWarehouse.findValuesAsText("warehouse_id")).containsOnly(warehouse.toString());
        assertThat(client.get("/v1/console/ledgers?product_id=" + product + "&warehouse_id=" + otherWarehouse)
                .body().path("ledgers")).hasSize(1);
    }

    @Test
    void refusesASearchWithoutIdsOrWithBadParameters() {
        LedgerClient.Response none = client.get("/v1/console/ledgers");
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.body().path("errors").get(0).path("field").asText()).isEqualTo("product_id");
        assertThat(client.get("/v1/console/ledgers?warehouse_id=nope").status()).isEqualTo(422);
        assertThat(client.get("/v1/console/ledgers?warehouse_id=" + warehouse + "&limit=501").status())
                .isEqualTo(422);
        assertThat(client.get("/v1/console/ledgers?warehouse=" + warehouse).status()).isEqualTo(422);
    }

    @Test
    void listsASkusPendingReservationsOnly() {
        client.receive(product, warehouse, 20);
        String pending = client.reserve(product, warehouse, 2, LedgerClient.key()).text("reservation_id");
        String released = client.reserve(product, warehouse, 5, LedgerClient.key()).text("reservation_id");
        assertThat(client.release(released).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode open = client.get("/v1/console/stock/" + product + "/" + warehouse + "/reservations").body()
                    .path("reservations");
            assertThat(open.findValuesAsText("reservation_id")).containsExactly(pending);
            assertThat(open.get(0).path("status").asText()).isEqualTo("PENDING");
            assertThat(open.get(0).path("quantity").asInt()).isEqualTo(2);
        });
    }

    @Test
    void listsTransfersInTransitAndNotThoseThatArrived() {
        UUID destination = UUID.randomUUID();
        client.receive(product, warehouse, 10);
        String arrived = client.post("/v1/transfers", Map.of("product_id", product.toString(),
                "from_warehouse_id", warehouse.toString(), "to_warehouse_id", destination.toString(),
                "quantity", 4, "idempotency_key", LedgerClient.key())).text("transfer_id");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                client.get("/v1/transfers/" + arrived).text("status").equals("RECEIVED"));
        // one still under way, as the read model would hold it between shipping and receipt
        UUID underWay = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO stock_transfer (transfer_id, product_id, from_warehouse_id, to_warehouse_id, quantity, lots,
                                            status, shipped_at, updated_at)
                VALUES (?, ?, ?, ?, 3, '[]'::jsonb, 'IN_TRANSIT', now(), now())""",
                underWay, product, warehouse, destination);

        JsonNode all = client.get("/v1/console/transfers").body().path("transfers");
        assertThat(all.findValuesAsText("transfer_id")).contains(underWay.toString()).doesNotContain(arrived);
        assertThat(client.get("/v1/console/transfers?warehouse_id=" + destination).body().path("transfers")
                .findValuesAsText("transfer_id")).containsExactly(underWay.toString());
        assertThat(client.get("/v1/console/transfers?warehouse_id=" + UUID.randomUUID()).body().path("transfers"))
                .isEmpty();
    }

    @Test
    void reportsCommandThroughputFromTheServicesTimers() {
        client.receive(product, warehouse, 5);
        client.receive(product, warehouse, 6);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode metrics = client.get("/v1/console/metrics").body();
            assertThat(metrics.path("interval_millis").asLong()).isEqualTo(5000);
            long commands = 0;
            for (JsonNode sample : metrics.path("samples")) {
                commands += sample.path("commands").asLong();
                assertThat(Instant.parse(sample.path("at").asText())).isBefore(Instant.now().plusSeconds(1));
            }
            assertThat(commands).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void streamsNewMovementsOfTheWarehouseAsServerSentEvents() throws Exception {
        client.receive(product, warehouse, 1);
        client.receive(product, UUID.randomUUID(), 1); // another warehouse: filtered out
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/console/feed?warehouse_id="
                        + warehouse)).header("Authorization", "Bearer " + TestTokens.admin())
                .header("Accept", "text/event-stream").build();
        HttpClient http = HttpClient.newHttpClient();
        var response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Thread reader = Thread.ofVirtual().start(() -> {
            try (Stream<String> stream = response.body()) {
                stream.forEach(lines::add);
            }
        });
        try {
            String eventId = client.receive(product, warehouse, 9).text("event_id");
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.contains(eventId)));
            List<JsonNode> movements = lines.stream().filter(l -> l.startsWith("data:"))
                    .map(l -> read(l.substring(5))).toList();
            assertThat(movements).allSatisfy(m ->
                    assertThat(m.path("warehouse_id").asText()).isEqualTo(warehouse.toString()));
            JsonNode received = movements.stream().filter(m -> m.path("event_id").asText().equals(eventId))
                    .findFirst().orElseThrow();
            assertThat(received.path("on_hand_delta").asInt()).isEqualTo(9);
            assertThat(lines).contains("id:" + received.path("global_position").asText(), "event:movement");
        } finally {
            reader.interrupt();
            http.shutdownNow();
        }
        assertThat(client.withToken(TestTokens.withRoles("w", "warehouse")).get("/v1/console/feed").status())
                .isEqualTo(403);
    }

    @Test
    void servesTheConsolesPagesWithAPolicyThatAllowsThisServiceOnly() {
        for (String page : List.of("/console/", "/console/stock/" + product + "/" + warehouse, "/console/audit")) {
            LedgerClient.Response answer = client.withToken(null).get(page);
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.raw()).contains("<script type=\"module\" src=\"/console/assets/app.js\">");
            assertThat(answer.header("Content-Security-Policy")).contains("default-src 'self'",
                    "frame-ancestors 'none'");
        }
        LedgerClient.Response script = client.withToken(null).get("/console/assets/app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(client.withToken(null).get("/console/nowhere").status()).isEqualTo(404);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(json, e);
        }
    }
}
