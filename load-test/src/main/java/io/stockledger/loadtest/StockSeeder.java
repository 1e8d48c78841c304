package io.stockledger.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Goods arrive before the doors open: one {@code POST /v1/receive} per SKU of the run, as the warehouse would send
 * it, a few at a time. A 503 is retried with the same idempotency key (safe by contract); anything else but a 200
 * stops the run, since a load test on half-stocked shelves would measure the wrong thing.
 */
public final class StockSeeder {

    private static final int ATTEMPTS = 5;

    private final LoadProfile profile;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public StockSeeder(LoadProfile profile, String warehouseToken) {
        this.profile = profile;
        this.token = warehouseToken;
    }

    public void seed(SkuCatalog catalog, RunObservations observations) {
        List<Integer> skus = IntStream.range(0, catalog.size()).boxed().toList();
        try {
            BoundedConcurrency.runEach(skus, profile.seedConcurrency(), sku -> {
                int quantity = catalog.isHot(sku) ? profile.hotStock() : profile.coldStock();
                int status = receive(catalog, sku, quantity);
                observations.sku(sku).receiveAnswered(status, quantity);
                if (status != 200) {
                    throw new IllegalStateException("receiving stock for SKU " + catalog.productId(sku)
                            + " answered " + status);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("seeding stock failed: " + e.getMessage(), e);
        }
    }

    private int receive(SkuCatalog catalog, int sku, int quantity) throws IOException, InterruptedException {
        String key = "load-test-receive-" + catalog.productId(sku);
        String body = """
                {"product_id":"%s","warehouse_id":"%s","quantity":%d,"idempotency_key":"%s","unit_cost":1.25}"""
                .formatted(catalog.productId(sku), catalog.warehouseId(), quantity, key);
        HttpRequest request = HttpRequest.newBuilder(URI.create(profile.baseUrl() + "/v1/receive"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        int status = 0;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 503) {
                return status;
            }
            Thread.sleep(200L * attempt);
        }
        return status;
    }
}
