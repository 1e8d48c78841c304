package io.stockledger.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The reads the oversell check makes, all over the public API with an auditor's token: the event store
 * ({@code /v1/ledger/.../events}), its fold by the service ({@code /v1/ledger/.../balance}) and the balance
 * read model that clients see ({@code /v1/stock/...}). A 503 is retried: reads are safe to repeat.
 */
final class LedgerReader {

    static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LedgerReader(String baseUrl, String auditorToken) {
        this.baseUrl = baseUrl;
        this.token = auditorToken;
    }

    /** A page of events from {@code fromSequence} on: {@code {events: [...], next_from_sequence}}. */
    JsonNode events(UUID product, UUID warehouse, long fromSequence, int limit) {
        return get("/v1/ledger/%s/%s/events?from_sequence=%d&limit=%d".formatted(product, warehouse, fromSequence,
                limit));
    }

    /** The service's own fold of the event store, up to now. */
    JsonNode balance(UUID product, UUID warehouse) {
        // as_of in the future is "everything recorded so far"; the answer names the last event it folded
        return get("/v1/ledger/%s/%s/balance?as_of=%s".formatted(product, warehouse, Instant.now().plusSeconds(60)));
    }

    /** The balance read model: {@code {on_hand, reserved, available}}. */
    JsonNode stock(UUID product, UUID warehouse) {
        return get("/v1/stock/%s/%s".formatted(product, warehouse));
    }

    private JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET().build();
        try {
            for (int attempt = 1; ; attempt++) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
                if (response.statusCode() != 503 || attempt == 5) {
                    throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                            + response.body());
                }
                Thread.sleep(500L * attempt);
            }
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
