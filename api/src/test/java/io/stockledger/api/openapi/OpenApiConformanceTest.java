package io.stockledger.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.security.Permission;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real answers of the service checked against its own OpenAPI document: each status is documented for its
 * operation, with the media type it really has, and each body has exactly the documented properties (snake_case,
 * required ones present, nothing undocumented), of the documented types, formats, enums and bounds.
 */
class OpenApiConformanceTest extends DocumentedAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void successfulAnswersAreAsDocumented() {
        Response received = doc.conforms("POST", "/v1/receive", client.receive(product, warehouse, 100));
        assertThat(received.status()).isEqualTo(200);
        Response receivedWithCost = doc.conforms("POST", "/v1/receive", client.post("/v1/receive",
                Map.of("product_id", product.toString(), "warehouse_id", warehouse.toString(), "quantity", 1,
                        "idempotency_key", LedgerClient.key(), "unit_cost", 2.5)));
        assertThat(receivedWithCost.status()).isEqualTo(200);

        Response reserved = doc.conforms("POST", "/v1/reserve",
                client.reserve(product, warehouse, 10, LedgerClient.key()));
        assertThat(reserved.status()).isEqualTo(200);
        assertThat(reserved.text("status")).isEqualTo("PENDING");
        String reservation = reserved.text("reservation_id");
        assertThat(doc.conforms("POST", "/v1/confirm", client.confirm(reservation)).status()).isEqualTo(200);

        String other = client.reserve(product, warehouse, 5, LedgerClient.key()).text("reservation_id");
        assertThat(doc.conforms("POST", "/v1/release", client.release(other)).status()).isEqualTo(200);

        assertThat(doc.conforms("POST", "/v1/adjust",
                client.adjust(product, warehouse, -2, "DAMAGE", LedgerClient.key())).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(product, warehouse).status() == 200);
        assertThat(doc.conforms("GET", "/v1/stock/{product_id}/{warehouse_id}", client.stock(product, warehouse))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "CONFIRMED".equals(client.get("/v1/reservations/" + reservation).text("status")));
        Response read = doc.conforms("GET", "/v1/reservations/{reservation_id}",
                client.get("/v1/reservations/" + reservation));
        assertThat(read.body().has("updated_at")).isTrue();
    }

    @Test
    void errorAnswersAreDocumentedProblems() {
        client.receive(product, warehouse, 10);

        Response shortage = doc.conforms("POST", "/v1/reserve",
                client.reserve(product, warehouse, 11, LedgerClient.key()));
        assertThat(shortage.status()).isEqualTo(409);
        assertThat(shortage.body().has("requested")).isTrue();

        Map<String, Object> outOfRange = LedgerClient.reserveBody(product, warehouse, 1001, "short", 30);
        Response invalid = doc.conforms("POST", "/v1/reserve", client.post("/v1/reserve", outOfRange));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().path("errors").size()).isEqualTo(3);

        Map<String, Object> unknownField = LedgerClient.reserveBody(product, warehouse, 1, LedgerClient.key(), 300);
        unknownField.put("quantiy", 1);
        assertThat(doc.conforms("POST", "/v1/reserve", client.post("/v1/reserve", unknownField)).status())
                .isEqualTo(400);
        assertThat(doc.conforms("POST", "/v1/reserve", client.postRaw("/v1/reserve", "{")).status()).isEqualTo(400);

        String key = LedgerClient.key();
        client.reserve(product, warehouse, 1, key);
        Response reused = doc.conforms("POST", "/v1/reserve", client.reserve(product, warehouse, 2, key));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.text("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");

        assertThat(doc.conforms("POST", "/v1/reserve", client.withToken(null)
                .reserve(product, warehouse, 1, LedgerClient.key())).status()).isEqualTo(401);
        Response forbidden = doc.conforms("POST", "/v1/reserve",
                client.withToken(TestTokens.withPermissions("reader", Permission.READ))
                        .reserve(product, warehouse, 1, LedgerClient.key()));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.text("required_permission")).isEqualTo(Permission.RESERVE);

        assertThat(doc.conforms("POST", "/v1/confirm", client.confirm(UUID.randomUUID().toString())).status())
                .isEqualTo(404);
        String released = client.reserve(product, warehouse, 1, LedgerClient.key()).text("reservation_id");
        client.release(released);
        Response confirmReleased = doc.conforms("POST", "/v1/confirm", client.confirm(released));
        assertThat(confirmReleased.status()).isEqualTo(409);
        assertThat(confirmReleased.text("code")).isEqualTo("RESERVATION_RELEASED");
        assertThat(doc.conforms("POST", "/v1/confirm", client.confirm("not-a-uuid")).status()).isEqualTo(422);

        assertThat(doc.conforms("POST", "/v1/adjust",
                client.adjust(UUID.randomUUID(), warehouse, 1, "FOUND", LedgerClient.key())).status())
                .isEqualTo(404);
        assertThat(doc.conforms("POST", "/v1/adjust",
                client.adjust(product, warehouse, 0, "FOUND", LedgerClient.key())).status()).isEqualTo(422);

        assertThat(doc.conforms("GET", "/v1/stock/{product_id}/{warehouse_id}",
                client.stock(UUID.randomUUID(), warehouse)).status()).isEqualTo(404);
        assertThat(doc.conforms("GET", "/v1/stock/{product_id}/{warehouse_id}",
                client.get("/v1/stock/nope/" + warehouse)).status()).isEqualTo(422);
        assertThat(doc.conforms("GET", "/v1/reservations/{reservation_id}",
                client.get("/v1/reservations/" + UUID.randomUUID())).status()).isEqualTo(404);

        // without NATS_URL the relay is off
        Response relayOff = doc.conforms("POST", "/v1/admin/relay/replay",
                client.post("/v1/admin/relay/replay", Map.of("from_position", 1, "to_position", 2)));
        assertThat(relayOff.status()).isEqualTo(409);
        assertThat(relayOff.text("code")).isEqualTo("RELAY_DISABLED");
    }

    @Test
    void availabilityAnswersAreAsDocumented() {
        client.receive(product, warehouse, 10);
        client.receiveLot(product, UUID.randomUUID(), 5, "LATER", java.time.LocalDate.now().plusDays(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(product, warehouse).status() == 200);

        Response both = doc.conforms("GET", "/v1/availability",
                client.get("/v1/availability?product_id=" + product + "&product_id=" + UUID.randomUUID()));
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.body().at("/products/0/warehouses").size()).isPositive();
        assertThat(both.body().at("/products/1/warehouses").size()).isZero();
        Response one = doc.conforms("GET", "/v1/availability",
                client.get("/v1/availability?product_id=" + product + "&warehouse_id=" + warehouse));
        assertThat(one.body().at("/products/0/available").asLong()).isEqualTo(10);

        assertThat(doc.conforms("GET", "/v1/availability", client.get("/v1/availability")).status()).isEqualTo(422);
        assertThat(doc.conforms("GET", "/v1/availability", client.get("/v1/availability?product_id=nope")).status())
                .isEqualTo(422);
        assertThat(doc.conforms("GET", "/v1/availability", client.withToken(TestTokens.withPermissions("cart",
                Permission.RESERVE)).get("/v1/availability?product_id=" + product)).status()).isEqualTo(403);
    }

    @Test
    void aBodyThatIsNotJsonIsTheDocumented415() throws Exception {
        HttpResponse<String> response = OpenApiDocument.HTTP.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/v1/reserve"))
                .header("Authorization", "Bearer " + TestTokens.admin())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("reserve 5")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(doc.conforms("POST", "/v1/reserve", response).path("code").asText())
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void theIdempotencyKeyHeaderIsAsDocumented() throws Exception {
        client.receive(product, warehouse, 10);
        JsonNode operation = doc.operation("POST", "/v1/reserve");
        JsonNode parameter = StreamSupport.stream(operation.path("parameters").spliterator(), false)
                .map(doc::resolve).filter(p -> "Idempotency-Key".equals(p.path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("Idempotency-Key is not documented"));
        assertThat(parameter.path("in").asText()).isEqualTo("header");
        assertThat(parameter.path("required").asBoolean()).isFalse();
        Pattern documented = Pattern.compile(parameter.at("/schema/pattern").asText());

        String key = LedgerClient.key();
        assertThat(documented.matcher(key).find()).isTrue();
        String body = JSON.writeValueAsString(LedgerClient.reserveBody(product, warehouse, 1, key, 300));
        HttpResponse<String> first = post("/v1/reserve", body, key);
        assertThat(first.statusCode()).isEqualTo(200);
        doc.conforms("POST", "/v1/reserve", first);

        HttpResponse<String> again = post("/v1/reserve", body, key);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        doc.conforms("POST", "/v1/reserve", again);
        assertThat(doc.resolve(operation.at("/responses/200")).path("headers").has("Idempotent-Replayed")).isTrue();

        HttpResponse<String> mismatch = post("/v1/reserve", body, LedgerClient.key());
        assertThat(mismatch.statusCode()).isEqualTo(422);
        assertThat(doc.conforms("POST", "/v1/reserve", mismatch).path("code").asText())
                .isEqualTo("IDEMPOTENCY_KEY_MISMATCH");

        String unacceptable = "not a key";
        assertThat(documented.matcher(unacceptable).find()).isFalse();
        HttpResponse<String> refused = post("/v1/reserve", body, unacceptable);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(doc.conforms("POST", "/v1/reserve", refused).at("/errors/0/field").asText())
                .isEqualTo("Idempotency-Key");
    }

    private HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        return OpenApiDocument.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + TestTokens.admin())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
