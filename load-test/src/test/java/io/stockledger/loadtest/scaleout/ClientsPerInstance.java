package io.stockledger.loadtest.scaleout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Checkout clients as a round-robin load balancer spreads them: the same number on every instance, each sending its
 * checkout (a reservation, or an order) over random SKUs of the set, answer after answer (closed loop), for as long as
 * the run lasts. Every answer is counted by instance and status; a reservation acknowledged with 200 is remembered, to
 * be found again afterwards.
 */
final class ClientsPerInstance implements AutoCloseable {

    /** An answer slower than this counts as a timeout, as a checkout page would give up. */
    static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
    private final String token;
    private final List<Sku> skus;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, AtomicBoolean> stopped = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> answers = new ConcurrentHashMap<>();
    private final Map<String, Queue<Long>> latenciesMicros = new ConcurrentHashMap<>();
    private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final List<Thread> clients = new ArrayList<>();

    private final Checkout checkout;

    record Sku(UUID productId, UUID warehouseId) {
    }

    /**
     * What a client sends: the endpoint, a body over SKUs it picks, and how many units an acknowledged one reserves.
     */
    record Checkout(String path, Function<List<Sku>, String> body, int unitsEach) {

        /** One unit of one random SKU. */
        static final Checkout RESERVATION = new Checkout("/v1/reserve", skus -> {
            Sku sku = pick(skus);
            return "{\"product_id\":\"" + sku.productId() + "\",\"warehouse_id\":\"" + sku.warehouseId()
                    + "\",\"quantity\":1,\"ttl_seconds\":1800,\"idempotency_key\":\"scale-out-" + UUID.randomUUID()
                    + "\"}";
        }, 1);

        /** An order of three lines, one unit each of three random SKUs (likely owned by different instances). */
        static final Checkout ORDER = new Checkout("/v1/orders/reserve", skus -> {
            StringBuilder lines = new StringBuilder();
            StringBuilder warehouses = new StringBuilder();
            // three different SKUs: the same warehouse twice in warehouse_ids would be refused (422)
            List<Sku> picked = new ArrayList<>(skus);
            java.util.Collections.shuffle(picked, ThreadLocalRandom.current());
            for (int line = 1; line <= 3; line++) {
                Sku sku = picked.get(line - 1);
                lines.append(line > 1 ? "," : "").append("{\"line_id\":\"").append(line)
                        .append("\",\"product_id\":\"").append(sku.productId())
                        .append("\",\"warehouse_id\":\"").append(sku.warehouseId()).append("\",\"quantity\":1}");
                warehouses.append(line > 1 ? "," : "").append('"').append(sku.warehouseId()).append('"');
            }
            return "{\"order_id\":\"scale-out-" + UUID.randomUUID() + "\",\"idempotency_key\":\"scale-out-"
                    + UUID.randomUUID() + "\",\"ttl_seconds\":1800,\"warehouse_ids\":[" + warehouses
                    + "],\"lines\":[" + lines + "]}";
        }, 3);

        private static Sku pick(List<Sku> skus) {
            return skus.get(ThreadLocalRandom.current().nextInt(skus.size()));
        }
    }

    private ClientsPerInstance(String token, List<Sku> skus, Checkout checkout) {
        this.token = token;
        this.skus = skus;
        this.checkout = checkout;
    }

    /** Starts {@code perInstance} clients on each of the instances. */
    static ClientsPerInstance start(List<String> instances, int perInstance, String token, List<Sku> skus,
                                    Checkout checkout) {
        ClientsPerInstance run = new ClientsPerInstance(token, skus, checkout);
        for (String instance : instances) {
            run.stopped.put(instance, new AtomicBoolean());
            run.answers.put(instance, new ConcurrentHashMap<>());
            run.latenciesMicros.put(instance, new ConcurrentLinkedQueue<>());
            for (int i = 0; i < perInstance; i++) {
                run.clients.add(Thread.ofVirtual().name("client-" + instance).start(() -> run.checkoutsOn(instance)));
            }
        }
        return run;
    }

    /** The instance's clients stop (its instance is gone, as a load balancer would stop sending to it). */
    void stopClientsOf(String instance) {
        stopped.get(instance).set(true);
    }

    private void checkoutsOn(String instance) {
        AtomicBoolean mine = stopped.get(instance);
        while (running.get() && !mine.get()) {
            String body = checkout.body().apply(skus);
            HttpRequest request = HttpRequest.newBuilder(URI.create(instance + checkout.path()))
                    .timeout(CLIENT_TIMEOUT)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long began = System.nanoTime();
            String outcome;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                outcome = String.valueOf(response.statusCode());
                if (response.statusCode() == 200) {
                    acknowledged.add(JSON.readTree(response.body()).path("reservation_id").asText());
                }
            } catch (HttpTimeoutException e) {
                outcome = "timeout";
            } catch (IOException e) {
                outcome = "no answer";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (mine.get()) {
                return; // an answer after the instance was given up is not counted
            }
            answers.get(instance).computeIfAbsent(outcome, any -> new LongAdder()).increment();
            latenciesMicros.get(instance).add((System.nanoTime() - began) / 1_000);
        }
    }

    /** Answers by status ("200", "409", "503", "timeout", "no answer") of the instance's clients. */
    Map<String, Long> answersOf(String instance) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        answers.get(instance).forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }

    long served(String instance) {
        return answersOf(instance).getOrDefault("200", 0L);
    }

    /** The {@code quantile} (0..1) of the instance's clients' answer times, in milliseconds. */
    double latencyMillis(String instance, double quantile) {
        List<Long> sorted = new ArrayList<>(latenciesMicros.get(instance));
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        sorted.sort(null);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1000.0;
    }

    /** The checkouts acknowledged with 200: a reservation's id, or an empty string for an order. */
    List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    /** Stops every client and waits for their last answers. */
    @Override
    public void close() {
        running.set(false);
        for (Thread client : clients) {
            try {
                client.join(CLIENT_TIMEOUT.plusSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
