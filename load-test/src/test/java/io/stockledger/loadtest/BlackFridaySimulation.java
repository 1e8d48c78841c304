package io.stockledger.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.doSwitch;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.onCase;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The seed's Black Friday load test as an open model: shoppers arrive at a rate that ramps 50 → 200 → 500 → 1000
 * requests per second whatever the service's answers cost, as real customers do (a closed model would slow down with
 * the service and hide its queueing). Each shopper is one visit of the {@link CheckoutMix}: reads a product's stock;
 * reserves an order of 1 to 5 lines and then confirms it (checkout) or releases it (abandoned cart); or reserves one
 * SKU and walks away (the reservation expires). A share of the SKUs picked is the one hot SKU, the rest are spread
 * over thousands.
 *
 * <p>Before: stock is received for every SKU. After: the figures per stage ({@code stages.md}), what clients saw
 * ({@code observations.json}) and the {@link OversellCheck}, which fails the run when anything was oversold.
 * Settings: {@link LoadProfile}; how to run: docs/load-test.md.
 */
public class BlackFridaySimulation extends Simulation {

    /** A business refusal is an answer, not an error; any other 409 code would be a bug. */
    private static final Set<String> RESERVE_REFUSALS = Set.of("INSUFFICIENT_STOCK");
    private static final Set<String> CONFIRM_REFUSALS = Set.of("RESERVATION_EXPIRED");
    /** An order's lines are refused together, for want of stock on any of them. */
    private static final Set<String> ORDER_REFUSALS = Set.of("INSUFFICIENT_STOCK");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String OVERSELL_CHECK = "oversell check";

    private final LoadProfile profile = LoadProfile.fromSystemProperties();
    private final SkuCatalog catalog = SkuCatalog.fresh(profile);
    private final RunObservations observations = RunObservations.of(profile.baseUrl(), catalog);
    private final StageStatistics statistics = new StageStatistics(profile.stages());
    private final ClientTokens tokens = new ClientTokens(profile);
    /** when arrivals begin: right after {@link #before()} */
    private volatile long startNanos = System.nanoTime();
    private volatile String oversellVerdict = "not run";

    private final HttpProtocolBuilder orderSystem = http
            .baseUrl(profile.baseUrl())
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .authorizationHeader("Bearer " + tokens.orderSystem())
            .userAgentHeader("stock-ledger-load-test")
            // an order system is one client with a pool of keep-alive connections, not a browser per shopper
            .shareConnections()
            .disableCaching()
            // Gatling would otherwise warm up by calling a public web site; only the service is a target
            .disableWarmUp();

    {
        double visitsPerRequest = 1 / profile.mix().requestsPerVisit();
        List<OpenInjectionStep> arrivals = new ArrayList<>();
        for (Stage stage : profile.stages()) {
            arrivals.add(stage.holds()
                    ? constantUsersPerSec(stage.targetRps() * visitsPerRequest).during(stage.length()).randomized()
                    : rampUsersPerSec(stage.fromRps() * visitsPerRequest).to(stage.targetRps() * visitsPerRequest)
                            .during(stage.length()).randomized());
        }
        setUp(shoppers().injectOpen(arrivals).protocols(orderSystem)
                .andThen(wrapUp().injectOpen(atOnceUsers(1)).protocols(orderSystem)))
                // stops by itself: requests time out after 60 s, so every visit has ended 3 minutes after the
                // last arrival; the oversell check reads each SKU's history and gets the rest
                .maxDuration(profile.duration().plus(Duration.ofMinutes(15)))
                .assertions(assertions());
    }

    private ScenarioBuilder shoppers() {
        return scenario("Black Friday shoppers")
                .exec(this::planVisit)
                .exec(doSwitch("#{kind}").on(
                        onCase(VisitKind.READ.key()).then(exec(readStock())),
                        onCase(VisitKind.CONFIRM.key()).then(reserveOrderThen(confirmOrder())),
                        onCase(VisitKind.RELEASE.key()).then(reserveOrderThen(releaseOrder())),
                        onCase(VisitKind.EXPIRE.key()).then(reserve())));
    }

    private List<Assertion> assertions() {
        List<Assertion> assertions = new ArrayList<>();
        assertions.add(global().failedRequests().percent().lt(profile.maxErrorPercent()));
        if (profile.p99Millis() > 0) {
            assertions.add(global().responseTime().percentile(99).lt(profile.p99Millis()));
        }
        if (profile.p95Millis() > 0) {
            assertions.add(global().responseTime().percentile(95).lt(profile.p95Millis()));
        }
        if (profile.oversellCheck()) {
            assertions.add(details(OVERSELL_CHECK).successfulRequests().count().is(1L));
        }
        if (profile.reserveP99Millis() > 0) {
            assertions.add(details("reserve").responseTime().percentile(99).lt(profile.reserveP99Millis()));
            assertions.add(details("reserve order").responseTime().percentile(99).lt(profile.reserveP99Millis()));
        }
        return assertions;
    }

    /** Who this shopper is: the stage they arrived in, what they do, on which SKU, how many units. */
    private Session planVisit(Session session) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Stage stage = profile.stageAt(Duration.ofNanos(System.nanoTime() - startNanos));
        VisitKind kind = profile.mix().pick(random);
        int sku = catalog.pick(random);
        Map<String, Object> visit = new HashMap<>(Map.of(
                "stage", stage.number(),
                "kind", kind.key(),
                "sku", sku,
                "product", catalog.productId(sku).toString(),
                "quantity", 1 + random.nextInt(profile.maxQuantity()),
                "ttl", kind == VisitKind.EXPIRE ? profile.expireTtlSeconds() : profile.ttlSeconds(),
                // the body's idempotency key: 32..128 characters, new per visit
                "key", "load-test-reserve-" + UUID.randomUUID()));
        if (kind == VisitKind.CONFIRM || kind == VisitKind.RELEASE) {
            planOrder(random, visit);
        }
        return session.setAll(visit);
    }

    /**
     * A cart: 1 to {@code maxOrderLines} lines, each a SKU picked as for a single reservation (so the hot SKU is in
     * many carts, sometimes on two lines) and 1 to {@code maxQuantity} units.
     */
    private void planOrder(ThreadLocalRandom random, Map<String, Object> visit) {
        String orderId = "load-test-" + UUID.randomUUID();
        int count = 1 + random.nextInt(profile.maxOrderLines());
        List<OrderObservation.Line> lines = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            OrderObservation.Line line = new OrderObservation.Line(String.valueOf(i), catalog.pick(random),
                    1 + random.nextInt(profile.maxQuantity()));
            lines.add(line);
            bodies.add("{\"line_id\":\"" + line.lineId() + "\",\"product_id\":\"" + catalog.productId(line.sku())
                    + "\",\"quantity\":" + line.quantity() + "}");
        }
        visit.put("order_id", orderId);
        visit.put("order_body", "{\"order_id\":\"" + orderId + "\",\"idempotency_key\":\"load-test-order-"
                + UUID.randomUUID() + "\",\"ttl_seconds\":" + profile.ttlSeconds() + ",\"warehouse_ids\":[\""
                + catalog.warehouseId() + "\"],\"lines\":[" + String.join(",", bodies) + "]}");
        visit.put("order", observations.newOrder(orderId, lines));
    }

    private ChainBuilder reserveOrderThen(ChainBuilder settle) {
        return exec(reserveOrder())
                .exec(doIf(session -> order(session).answer() == OrderObservation.Answer.GRANTED).then(
                        pause(profile.pauseMin(), profile.pauseMax()).exec(settle)));
    }

    private static OrderObservation order(Session session) {
        return session.get("order");
    }

    private ChainBuilder reserveOrder() {
        HttpRequestActionBuilder reserve = http("reserve order")
                .post("/v1/orders/reserve")
                .body(StringBody(session -> session.getString("order_body")))
                .check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"), status().in(200, 409),
                        bodyString().saveAs("answer"), jsonPath("$.code").optional().saveAs("code"))
                .checkIf((response, session) -> response.status().code() == 409)
                .then(jsonPath("$.code").in(ORDER_REFUSALS.toArray(String[]::new)));
        return exec(reserve).exec(recorded("reserve order", ORDER_REFUSALS, (session, status) -> {
            OrderObservation order = order(session);
            if (status == 200) {
                List<OrderObservation.Allocation> allocations = allocations(session.getString("answer"));
                allocations.forEach(allocation -> observations.sku(order.skuOf(allocation.lineId()))
                        .reserveAnswered(200, allocation.reservationId(), allocation.quantity()));
                order.granted(allocations);
            } else {
                if (status == 409) {
                    order.refused();
                } else {
                    order.unclear();
                }
                // refused: every line was; unclear: any line may have been reserved (all of them, or none)
                order.lines().forEach(line -> observations.sku(line.sku()).reserveAnswered(status, null, 0));
            }
        }));
    }

    /** The reservations a granted order's answer lists, line by line. */
    private static List<OrderObservation.Allocation> allocations(String answer) {
        List<OrderObservation.Allocation> allocations = new ArrayList<>();
        try {
            for (JsonNode line : JSON.readTree(answer).path("lines")) {
                for (JsonNode allocation : line.path("allocations")) {
                    allocations.add(new OrderObservation.Allocation(line.path("line_id").asText(),
                            UUID.fromString(allocation.path("reservation_id").asText()),
                            allocation.path("quantity").asInt()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an order's 200 answer is not JSON: " + answer, e);
        }
        return allocations;
    }

    private ChainBuilder confirmOrder() {
        HttpRequestActionBuilder confirm = http("confirm order")
                .post("/v1/orders/#{order_id}/confirm")
                .body(StringBody("{}"))
                .check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"), status().in(200, 409),
                        jsonPath("$.code").optional().saveAs("code"))
                .checkIf((response, session) -> response.status().code() == 409)
                .then(jsonPath("$.code").in(CONFIRM_REFUSALS.toArray(String[]::new)));
        return exec(confirm).exec(recorded("confirm order", CONFIRM_REFUSALS, (session, status) ->
                order(session).allocations().forEach(allocation -> observations
                        .sku(order(session).skuOf(allocation.lineId()))
                        .confirmAnswered(status, allocation.reservationId()))));
    }

    private ChainBuilder releaseOrder() {
        HttpRequestActionBuilder release = http("release order")
                .post("/v1/orders/#{order_id}/release")
                .body(StringBody("{}"))
                .check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"), status().is(200));
        return exec(release).exec(recorded("release order", Set.of(), (session, status) ->
                order(session).allocations().forEach(allocation -> observations
                        .sku(order(session).skuOf(allocation.lineId()))
                        .releaseAnswered(status, allocation.reservationId()))));
    }

    private ChainBuilder readStock() {
        HttpRequestActionBuilder read = http("read stock")
                .get("/v1/stock/#{product}/" + catalog.warehouseId())
                .check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"), status().is(200));
        return exec(read).exec(recorded("read stock", Set.of(), (session, status) -> {
        }));
    }

    private ChainBuilder reserve() {
        HttpRequestActionBuilder reserve = http("reserve")
                .post("/v1/reserve")
                .body(StringBody(session -> """
                        {"product_id":"%s","warehouse_id":"%s","quantity":%d,"idempotency_key":"%s","ttl_seconds":%d}"""
                        .formatted(session.getString("product"), catalog.warehouseId(), session.getInt("quantity"),
                                session.getString("key"), session.getInt("ttl"))))
                .check(responseTimeInMillis().saveAs("rt"), status().saveAs("status"), status().in(200, 409),
                        jsonPath("$.reservation_id").optional().saveAs("reservation_id"),
                        jsonPath("$.code").optional().saveAs("code"))
                .checkIf((response, session) -> response.status().code() == 409)
                .then(jsonPath("$.code").in(RESERVE_REFUSALS.toArray(String[]::new)));
        return exec(reserve).exec(recorded("reserve", RESERVE_REFUSALS, (session, status) -> {
            String id = session.getString("reservation_id");
            observations.sku(session.getInt("sku")).reserveAnswered(status, id == null ? null : UUID.fromString(id),
                    session.getInt("quantity"));
        }));
    }

    /**
     * After a request: its outcome into the stage figures and the observations, then the saved values cleared so
     * the next request of the visit cannot inherit them (a request with no response saves nothing).
     */
    private ChainBuilder recorded(String request, Set<String> refusals, BiConsumer<Session, Integer> observe) {
        return exec(session -> {
            int status = session.contains("status") ? session.getInt("status") : 0;
            int millis = session.contains("rt") ? session.getInt("rt") : -1;
            boolean expected = status == 200 || status == 409 && refusals.contains(session.getString("code"));
            statistics.record(profile.stages().get(session.getInt("stage") - 1), request, status, expected, millis);
            observe.accept(session, status);
            Session cleared = session.removeAll("status", "rt", "code", "answer");
            return status == 200 ? cleared : cleared.remove("reservation_id");
        });
    }

    @Override
    public void before() {
        System.out.println(profile.describe());
        long started = System.nanoTime();
        new StockSeeder(profile, tokens.warehouse()).seed(catalog, observations);
        System.out.printf("stock received for %,d SKUs in %.1f s%n", catalog.size(),
                (System.nanoTime() - started) / 1e9);
        startNanos = System.nanoTime();
    }

    /**
     * Once every shopper has left: the figures and observations are saved, then the oversell check runs, and its
     * verdict becomes the "oversell check" request, so a failed check fails the run through its assertions and
     * shows in the HTML report (an exception in Gatling's after-hook would crash the run and lose the report).
     */
    private ScenarioBuilder wrapUp() {
        return scenario("after the run")
                .exec(session -> {
                    saveFigures();
                    if (profile.oversellCheck()) {
                        OversellReport report = OversellCheck.runAndSave(profile, observations);
                        System.out.println(report.summary());
                        oversellVerdict = report.passed() ? "PASSED" : "FAILED: " + report.failures().size()
                                + " findings, see oversell-check.txt";
                    }
                    return session;
                })
                .doIf(session -> profile.oversellCheck()).then(exec(http(OVERSELL_CHECK)
                        .get("/v1/stock/" + catalog.productId(0) + "/" + catalog.warehouseId())
                        .check(status().is(200), bodyString().transform(body -> oversellVerdict).is("PASSED"))));
    }

    private void saveFigures() {
        observations.save(profile.outputDir());
        String figures = profile.describe() + "\n\n" + statistics.table();
        System.out.println("\n" + figures);
        try {
            Files.writeString(profile.outputDir().resolve("stages.md"), figures);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
