package io.stockledger.api.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.QuarantineLot;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.query.api.AvailabilityView;
import io.stockledger.query.api.FindAvailability;
import org.HdrHistogram.Histogram;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/availability} with 100 products per call, over HTTP with a JWT, at 1, 16 and 64 clients, on 10,000
 * SKUs (2,000 products in each of 5 warehouses, every SKU with a lot, a quarter with an expired lot and a seventh
 * with a quarantined one). Side by side: the same question in-process (the query bus, no HTTP), and asked the way a
 * client without the endpoint would, one {@code GET /v1/stock/{product_id}/{warehouse_id}} per SKU (500 per
 * question). Prints a table (calls/s, products/s, latency, CPU per call of the JVM and of PostgreSQL); asserts that
 * every call succeeded and that the seeded figures come back. Not in the default suite:
 * {@code ./mvnw -pl api -am test -Dgroups=benchmark -Dtest.excluded.groups= -Dtest=AvailabilityBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.smoke.skip=true}.
 */
@Tag("benchmark")
class AvailabilityBenchmark extends ServiceIntegrationTest {

    private static final int PRODUCTS = 2_000;
    private static final int WAREHOUSES = 5;
    private static final int PER_CALL = 100;
    /** Precomputed questions (distinct random products each), so the load generator does not build them. */
    private static final int QUESTIONS = 1_000;
    /** {@code -Dbenchmark.clients=64} narrows a run to some cells. */
    private static final int[] CLIENTS = Arrays.stream(System.getProperty("benchmark.clients", "1,16,64")
            .split(",")).mapToInt(Integer::parseInt).toArray();
    /** {@code -Dbenchmark.modes=http} narrows a run to some modes (http, in-process, per-sku). */
    private static final String MODES = System.getProperty("benchmark.modes", "http,in-process,per-sku");
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("benchmark.seconds", 4));
    private static final CommandOrigin ORIGIN = new CommandOrigin("benchmark", "bench");

    @Autowired
    private CommandGateway commands;

    @Autowired
    private QueryGateway queries;

    private final List<UUID> products = new ArrayList<>();
    private final List<UUID> warehouses = new ArrayList<>();
    private final List<List<UUID>> questions = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    private record Cell(String mode, int clients, double callsPerSecond, Histogram latency, long errors,
                        double cpuMillisEach, double postgresMillisEach, double jitShare, double load) {
    }

    @Test
    void availabilityOfAHundredProductsPerCall() throws Exception {
        long seeding = System.nanoTime();
        seed();
        System.out.printf(Locale.ROOT, "Seeded %,d SKUs (%,d lots) in %.1f s%n", PRODUCTS * WAREHOUSES,
                jdbc.queryForObject("SELECT count(*) FROM stock_lot", Long.class),
                (System.nanoTime() - seeding) / 1e9);
        theSeededFiguresComeBack();
        prepareQuestions();

        warmUpTheJit();
        List<Cell> cells = new ArrayList<>();
        for (int clients : CLIENTS) {
            if (MODES.contains("http")) {
                cells.add(run("HTTP + JWT", clients, this::overHttp));
            }
            if (MODES.contains("in-process")) {
                cells.add(run("query bus in-process", clients, this::inProcess));
            }
            if (MODES.contains("per-sku")) {
                cells.add(run("500 × GET /v1/stock", clients, this::perSku));
            }
        }
        print(cells);
        assertThat(cells).allSatisfy(cell -> assertThat(cell.errors())
                .as("%s, %d clients: failed calls", cell.mode(), cell.clients()).isZero());
    }

    // ---- the three ways to ask ----

    private boolean overHttp(int question) {
        LedgerClient.Response response = client.get(paths.get(question));
        return response.status() == 200 && response.body().get("products").size() == PER_CALL;
    }

    private boolean inProcess(int question) throws Exception {
        List<AvailabilityView> answer = queries.query(new FindAvailability(questions.get(question), null),
                ResponseTypes.multipleInstancesOf(AvailabilityView.class)).get(30, TimeUnit.SECONDS);
        return answer.size() == PER_CALL;
    }

    /** What a storefront does without the endpoint: every product in every warehouse, one balance at a time. */
    private boolean perSku(int question) {
        for (UUID product : questions.get(question)) {
            for (UUID warehouse : warehouses) {
                if (client.stock(product, warehouse).status() != 200) {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- measuring ----

    /** Every mode in use, each question of 100 products asked some way, until the JIT has settled. */
    private void warmUpTheJit() throws Exception {
        JitWarmUp.untilSettled("", Arrays.stream(CLIENTS).max().orElse(16), clients -> {
            if (MODES.contains("http")) {
                ClosedLoad.unmeasured(clients, QUESTIONS, this::overHttp, JitWarmUp.ROUND);
            }
            if (MODES.contains("in-process")) {
                ClosedLoad.unmeasured(clients, QUESTIONS, this::inProcess, JitWarmUp.ROUND);
            }
            if (MODES.contains("per-sku")) {
                ClosedLoad.unmeasured(clients, QUESTIONS, this::perSku, JitWarmUp.ROUND);
            }
        });
    }

    private Cell run(String mode, int clients, ClosedLoad.Call question) throws InterruptedException {
        ClosedLoad.unmeasured(clients, QUESTIONS, question, WARM_UP);
        Measurement measured = Measurement.of(jdbc, clients, QUESTIONS, question, MEASURE);
        return new Cell(mode, clients, measured.perSecond(), measured.latency(), measured.errors(),
                measured.cpuMillisPer(measured.done()), measured.postgresMillisPer(measured.done()),
                measured.jitShare(), CpuTime.loadAverage());
    }

    private static void print(List<Cell> cells) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n| mode | clients | calls/s | products/s | p50 ms | p99 ms | p99.9 ms | CPU ms per call"
                        + " | of which PostgreSQL | JIT | load |%n|---|---|---|---|---|---|---|---|---|---|---|%n"));
        for (Cell cell : cells) {
            table.append(String.format(Locale.ROOT,
                    "| %s | %d | %,.1f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f%% | %.1f |%n",
                    cell.mode(), cell.clients(), cell.callsPerSecond(), cell.callsPerSecond() * PER_CALL,
                    cell.latency().getValueAtPercentile(50) / 1e6, cell.latency().getValueAtPercentile(99) / 1e6,
                    cell.latency().getValueAtPercentile(99.9) / 1e6, cell.cpuMillisEach(),
                    cell.postgresMillisEach(), cell.jitShare() * 100, cell.load()));
        }
        System.out.println(table);
    }

    // ---- the stock ----

    /**
     * Product {@code p} in warehouse {@code w} receives {@link #quantity} units into a lot that expires in 90 days;
     * one SKU in four also 20 units into a lot that expired yesterday, one in seven 10 units into a lot that is then
     * quarantined. Sent as commands, 64 at a time; then waits until the read models have every SKU and lot.
     */
    private void seed() throws Exception {
        for (int w = 0; w < WAREHOUSES; w++) {
            warehouses.add(UUID.randomUUID());
        }
        for (int p = 0; p < PRODUCTS; p++) {
            products.add(UUID.randomUUID());
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        long lots = 0;
        long quarantined = 0;
        for (int p = 0; p < PRODUCTS; p++) {
            for (int w = 0; w < WAREHOUSES; w++) {
                StockLedgerId sku = new StockLedgerId(products.get(p), warehouses.get(w));
                int n = p * WAREHOUSES + w;
                List<Object> skuCommands = new ArrayList<>();
                skuCommands.add(new ReceiveStock(sku, quantity(p, w), null, LedgerClient.key(), "A",
                        today.plusDays(90), null));
                if (n % 4 == 0) {
                    skuCommands.add(new ReceiveStock(sku, 20, null, LedgerClient.key(), "OLD", today.minusDays(1),
                            null));
                }
                if (n % 7 == 0) {
                    skuCommands.add(new ReceiveStock(sku, 10, null, LedgerClient.key(), "Q", null, null));
                    skuCommands.add(new QuarantineLot(sku, "Q", "benchmark"));
                }
                lots += 1 + (n % 4 == 0 ? 1 : 0) + (n % 7 == 0 ? 1 : 0);
                quarantined += n % 7 == 0 ? 1 : 0;
                inFlight.acquire();
                // a SKU's commands in order, SKUs side by side
                CompletableFuture<Object> chain = CompletableFuture.completedFuture(null);
                for (Object command : skuCommands) {
                    chain = chain.thenCompose(ignored -> commands.send(command, ORIGIN.toMetaData()));
                }
                sent.add(chain.whenComplete((ignored, failure) -> inFlight.release()));
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        long expectedLots = lots;
        long expectedQuarantined = quarantined;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM stock_balance", Long.class) == PRODUCTS * WAREHOUSES
                        && jdbc.queryForObject("SELECT count(*) FROM stock_lot", Long.class) == expectedLots
                        && jdbc.queryForObject("SELECT count(*) FROM stock_lot WHERE quarantine_reason IS NOT NULL",
                        Long.class) == expectedQuarantined);
    }

    private static int quantity(int product, int warehouse) {
        return 100 + (product * WAREHOUSES + warehouse) % 900;
    }

    /** A few products asked over HTTP answer exactly what was received, without the blocked lots. */
    private void theSeededFiguresComeBack() {
        List<Integer> sample = List.of(0, 1, 7, 28, PRODUCTS - 1);
        JsonNode answer = client.get("/v1/availability?" + sample.stream()
                .map(p -> "product_id=" + products.get(p)).collect(Collectors.joining("&"))).body();
        for (int i = 0; i < sample.size(); i++) {
            int p = sample.get(i);
            JsonNode product = answer.get("products").get(i);
            assertThat(product.get("warehouses")).hasSize(WAREHOUSES);
            long expected = 0;
            for (JsonNode warehouse : product.get("warehouses")) {
                int w = warehouses.indexOf(UUID.fromString(warehouse.get("warehouse_id").asText()));
                int n = p * WAREHOUSES + w;
                assertThat(warehouse.get("available").asLong()).isEqualTo(quantity(p, w));
                assertThat(warehouse.get("blocked").asLong())
                        .isEqualTo((n % 4 == 0 ? 20 : 0) + (n % 7 == 0 ? 10 : 0));
                expected += quantity(p, w);
            }
            assertThat(product.get("available").asLong()).isEqualTo(expected);
        }
    }

    private void prepareQuestions() {
        List<UUID> shuffled = new ArrayList<>(products);
        for (int q = 0; q < QUESTIONS; q++) {
            Collections.shuffle(shuffled, ThreadLocalRandom.current());
            List<UUID> question = List.copyOf(shuffled.subList(0, PER_CALL));
            questions.add(question);
            paths.add("/v1/availability?" + question.stream().map(id -> "product_id=" + id)
                    .collect(Collectors.joining("&")));
        }
    }
}
