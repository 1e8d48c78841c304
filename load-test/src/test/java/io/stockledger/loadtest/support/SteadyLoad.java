package io.stockledger.loadtest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.loadtest.RunObservations;
import io.stockledger.loadtest.SkuCatalog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Checkouts at a fixed rate, whatever the service does (an open model: a slow or absent service does not slow the
 * arrivals, up to a bound of visits in flight): each visit reserves 1 to 3 units of a SKU, then confirms or releases
 * the reservation. It behaves as the README asks a client to: a request without a clear answer (no connection, 503)
 * is retried a few times with the same idempotency key, on the next instance when there are several, and every
 * final answer is recorded in the run's {@link RunObservations} for the oversell check. Every attempt's answer goes
 * to the {@link LoadTally}.
 */
public final class SteadyLoad implements AutoCloseable {

    static final String RESERVE = "reserve";
    static final String CONFIRM = "confirm";
    static final String RELEASE = "release";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 4;
    private static final int MAX_IN_FLIGHT = 200;
    private static final double CONFIRM_SHARE = 0.6;
    private static final int TTL_SECONDS = 1800;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final SkuCatalog catalog;
    private final RunObservations observations;
    private final String token;
    private final LoadTally tally;
    private final double visitsPerSecond;
    private final AtomicInteger nextTarget = new AtomicInteger();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final ExecutorService visits = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread arrivals;
    private volatile List<String> targets;
    private volatile boolean running = true;

    private SteadyLoad(List<String> targets, SkuCatalog catalog, RunObservations observations, String orderToken,
                       double visitsPerSecond, LoadTally tally) {
        this.targets = List.copyOf(targets);
        this.catalog = catalog;
        this.observations = observations;
        this.token = orderToken;
        this.visitsPerSecond = visitsPerSecond;
        this.tally = tally;
        this.arrivals = Thread.ofPlatform().name("steady-load").daemon().unstarted(this::arrive);
    }

    /** Starts visits at {@code visitsPerSecond} (each visit is two requests) against the given instances. */
    public static SteadyLoad start(List<String> targets, SkuCatalog catalog, RunObservations observations,
                                   String orderToken, double visitsPerSecond, LoadTally tally) {
        SteadyLoad load = new SteadyLoad(targets, catalog, observations, orderToken, visitsPerSecond, tally);
        load.arrivals.start();
        return load;
    }

    /** Where the next requests go, as a load balancer's pool changes. */
    public void targets(List<String> baseUrls) {
        this.targets = List.copyOf(baseUrls);
    }

    /** Stops the arrivals and waits for the visits under way to end. */
    @Override
    public void close() {
        running = false;
        try {
            arrivals.join(Duration.ofSeconds(10));
            if (!inFlight.tryAcquire(MAX_IN_FLIGHT, 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("visits still under way two minutes after the load stopped");
            }
            inFlight.release(MAX_IN_FLIGHT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        visits.close();
    }

    private void arrive() {
        SplittableRandom random = new SplittableRandom();
        long period = (long) (1_000_000_000L / visitsPerSecond);
        long next = System.nanoTime();
        while (running) {
            next += period;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            startVisit(random, this::visit);
        }
    }

    /**
     * {@code count} visits to one SKU at once, on top of the steady arrivals: their writes queue behind each other on
     * the SKU's ledger and go in group commits. Returns without waiting for them.
     */
    public void burst(int sku, int count) {
        SplittableRandom random = new SplittableRandom();
        for (int i = 0; i < count; i++) {
            startVisit(random, visitRandom -> visit(sku, visitRandom));
        }
    }

    /**
     * Starts the visit on a thread of its own with a random split off {@code random}, if fewer than the limit are in
     * flight; otherwise counts it as skipped.
     */
    private void startVisit(SplittableRandom random, Consumer<SplittableRandom> visit) {
        if (!inFlight.tryAcquire()) {
            tally.skipped();
            return;
        }
        SplittableRandom visitRandom = random.split();
        visits.execute(() -> {
            try {
                visit.accept(visitRandom);
            } finally {
                inFlight.release();
            }
        });
    }

    private void visit(SplittableRandom random) {
        visit(catalog.pick(random), random);
    }

    private void visit(int sku, SplittableRandom random) {
        UUID product = catalog.productId(sku);
        int quantity = 1 + random.nextInt(3);
        String key = "steady-load-" + UUID.randomUUID();
        String reserve = """
                {"product_id":"%s","warehouse_id":"%s","quantity":%d,"idempotency_key":"%s","ttl_seconds":%d}"""
                .formatted(product, catalog.warehouseId(), quantity, key, TTL_SECONDS);
        Answer reserved = send(RESERVE, "/v1/reserve", reserve, key);
        UUID reservation = reserved.status() == 200 ? UUID.fromString(reserved.json().path("reservation_id").asText())
                : null;
        observations.sku(sku).reserveAnswered(reserved.status(), reservation, quantity);
        if (reservation == null) {
            return;
        }
        String settle = "{\"reservation_id\":\"" + reservation + "\"}";
        if (random.nextDouble() < CONFIRM_SHARE) {
            Answer confirmed = send(CONFIRM, "/v1/confirm", settle, "steady-confirm-" + UUID.randomUUID());
            observations.sku(sku).confirmAnswered(confirmed.status(), reservation);
        } else {
            Answer released = send(RELEASE, "/v1/release", settle, "steady-release-" + UUID.randomUUID());
            observations.sku(sku).releaseAnswered(released.status(), reservation);
        }
    }

    /**
     * The final answer; when even the last attempt's outcome is still unknown (no answer, 503, or the first attempt
     * still in flight, as after a crash until its key's lease ends), status 0: the client cannot tell what happened.
     */
    private Answer send(String endpoint, String path, String body, String idempotencyKey) {
        Answer answer = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            answer = once(endpoint, next() + path, body, idempotencyKey);
            if (!answer.worthRetrying()) {
                return answer;
            }
            if (!running && attempt > 1) {
                break;
            }
            sleep(answer.retryAfter().orElse(Duration.ofMillis(250L * attempt)));
        }
        return new Answer(0, answer.body(), null);
    }

    private Answer once(String endpoint, String url, String body, String idempotencyKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Duration latency = Duration.ofNanos(System.nanoTime() - started);
            tally.answered(endpoint, response.statusCode(), response.body(), latency);
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After").map(SteadyLoad::seconds).orElse(null));
        } catch (IOException noAnswer) {
            tally.answered(endpoint, 0, noAnswer.toString(), Duration.ofNanos(System.nanoTime() - started));
            return new Answer(0, "", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "", null);
        }
    }

    private String next() {
        List<String> pool = targets;
        return pool.get(Math.floorMod(nextTarget.getAndIncrement(), pool.size()));
    }

    private static Duration seconds(String retryAfter) {
        try {
            // a client would wait as long as asked; the test caps it to keep its phases short
            return Duration.ofSeconds(Math.min(1, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException notSeconds) {
            return Duration.ofSeconds(1);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One answer; {@code json} is empty unless it was JSON. */
    private record Answer(int status, String body, Duration retryAfterOrNull) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException notJson) {
                return JSON.createObjectNode();
            }
        }

        /** No answer, unavailable, or the same key still running elsewhere: the outcome is not known yet. */
        boolean worthRetrying() {
            return status == 0 || status == 503
                    || status == 409 && body.contains("IDEMPOTENT_REQUEST_IN_FLIGHT");
        }

        java.util.Optional<Duration> retryAfter() {
            return java.util.Optional.ofNullable(retryAfterOrNull);
        }
    }

    /** Receives stock for every SKU of the catalogue, retrying unclear answers with the same key. */
    public static void seed(String baseUrl, SkuCatalog catalog, RunObservations observations, String warehouseToken,
                            java.util.function.IntUnaryOperator stockOfSku) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int sku = 0; sku < catalog.size(); sku++) {
            int quantity = stockOfSku.applyAsInt(sku);
            String key = "steady-seed-" + catalog.productId(sku);
            String body = """
                    {"product_id":"%s","warehouse_id":"%s","quantity":%d,"idempotency_key":"%s","unit_cost":1.25}"""
                    .formatted(catalog.productId(sku), catalog.warehouseId(), quantity, key);
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/receive"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + warehouseToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            int status = 0;
            String answer = "";
            Instant deadline = Instant.now().plusSeconds(60);
            while (status != 200 && Instant.now().isBefore(deadline)) {
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    status = response.statusCode();
                    answer = response.body();
                } catch (IOException notYet) {
                    status = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while seeding", e);
                }
                if (status != 200 && status != 0 && status != 503) {
                    break;
                }
                if (status != 200) {
                    sleep(Duration.ofMillis(500));
                }
            }
            observations.sku(sku).receiveAnswered(status, quantity);
            if (status != 200) {
                throw new IllegalStateException("receiving stock for SKU " + sku + " answered " + status + ": "
                        + answer);
            }
        }
    }
}
