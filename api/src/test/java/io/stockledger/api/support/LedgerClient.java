package io.stockledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A plain HTTP client for the service, as an order system would use it. Thread-safe. */
public final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;

    /** A client that calls with a token of the admin role (every permission). */
    public LedgerClient(String baseUrl) {
        this(baseUrl, TestTokens.admin());
    }

    /** A client that sends this bearer token, or none when it is null. */
    public LedgerClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public LedgerClient withToken(String otherToken) {
        return new LedgerClient(baseUrl, otherToken);
    }

    /** A status, the response headers we look at, and the body as a JSON tree (null unless JSON) and as text. */
    public record Response(int status, String contentType, String traceId, JsonNode body, String raw,
                           java.net.http.HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }


        public String text(String field) {
            return body.path(field).asText();
        }

        public long number(String field) {
            return body.path(field).asLong();
        }
    }

    public Response post(String path, Map<String, ?> body) {
        return postRaw(path, write(body));
    }

    /** A POST with a body as given, and extra headers as name, value, name, value, ... */
    public Response postRaw(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public Response put(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A GET with extra headers as name, value, name, value, ... */
    public Response get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    public Response head(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).HEAD());
    }

    private Response send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body() == null || response.body().isBlank() || !contentType.contains("json")
                    ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), contentType,
                    response.headers().firstValue("X-Trace-ID").orElse(null), body, response.body(),
                    response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- the lifecycle, in the contract's words ----

    public static String key() {
        return "key-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    public Response receive(UUID product, UUID warehouse, int quantity) {
        return post("/v1/receive", Map.of("product_id", product.toString(), "warehouse_id", warehouse.toString(),
                "quantity", quantity, "idempotency_key", key()));
    }

    /**
     * Receives {@code quantity} units of a new product into a new warehouse, so the test starts from a ledger no other
     * test touches, and fails at once when the receipt is refused rather than later on a puzzling balance.
     */
    public StockedSku stockNewSku(int quantity) {
        StockedSku sku = new StockedSku(UUID.randomUUID(), UUID.randomUUID());
        Response received = receive(sku.product(), sku.warehouse(), quantity);
        if (received.status() != 200) {
            throw new AssertionError("the receipt of " + quantity + " was refused: " + received.raw());
        }
        return sku;
    }

    /** A receipt into a named lot; {@code expiry} may be null for a lot that never expires. */
    public Response receiveLot(UUID product, UUID warehouse, int quantity, String batch, java.time.LocalDate expiry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", product.toString());
        body.put("warehouse_id", warehouse.toString());
        body.put("quantity", quantity);
        body.put("idempotency_key", key());
        body.put("batch_number", batch);
        if (expiry != null) {
            body.put("expiry_date", expiry.toString());
        }
        body.put("location", "A-" + batch);
        return post("/v1/receive", body);
    }

    public Response reserve(UUID product, UUID warehouse, int quantity, String idempotencyKey) {
        return post("/v1/reserve", reserveBody(product, warehouse, quantity, idempotencyKey, 300));
    }

    /** A reservation of units of a stocked SKU under a key of its own, as a new request would make it. */
    public Response reserve(StockedSku sku, int quantity) {
        return reserve(sku.product(), sku.warehouse(), quantity, key());
    }

    public static Map<String, Object> reserveBody(UUID product, UUID warehouse, int quantity, String key, int ttl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("product_id", product.toString());
        body.put("warehouse_id", warehouse.toString());
        body.put("quantity", quantity);
        body.put("idempotency_key", key);
        body.put("ttl_seconds", ttl);
        return body;
    }

    public Response confirm(String reservationId) {
        return post("/v1/confirm", Map.of("reservation_id", reservationId));
    }

    public Response release(String reservationId) {
        return post("/v1/release", Map.of("reservation_id", reservationId));
    }

    public Response adjust(UUID product, UUID warehouse, int quantity, String reason, String key) {
        return post("/v1/adjust", Map.of("product_id", product.toString(), "warehouse_id", warehouse.toString(),
                "quantity", quantity, "reason", reason, "idempotency_key", key));
    }

    public Response stock(UUID product, UUID warehouse) {
        return get("/v1/stock/" + product + "/" + warehouse);
    }

    public Response stock(StockedSku sku) {
        return stock(sku.product(), sku.warehouse());
    }
}
