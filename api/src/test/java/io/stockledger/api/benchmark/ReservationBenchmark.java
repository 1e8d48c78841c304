package io.stockledger.api.benchmark;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.OrderLineRequest;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReserveOrder;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.SourcingRule;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.TimeOrderedIds;
import io.stockledger.command.caching.CaffeineAggregateCache;
import org.HdrHistogram.Histogram;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservations per second and latency, side by side against the same PostgreSQL: the classic row-lock ledger (one
 * transaction: conditional UPDATE of the balance row plus an INSERT), the ledger's commands in-process, and the
 * ledger over HTTP with a JWT. Hot SKU and 10,000 SKUs; 1, 16 and 64 clients. Prints a table (with commands per
 * write, group commit's batch size, and the CPU each reservation cost the JVM and PostgreSQL); asserts only that
 * every request succeeded. Not in the default suite: {@code ./mvnw -pl api -am test -Dgroups=benchmark
 * -Dtest.excluded.groups= -Dtest=ReservationBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 *
 * <p>Orders ({@link #ordersPerSecondAgainstTheRowLockLedger}): orders of 1, 5 and 20 lines, each line one unit of a
 * distinct random SKU of 10,000, the row-lock ledger reserving the same lines in one SQL transaction beside the
 * ledger's {@code ReserveOrder} in-process and {@code POST /v1/orders/reserve} over HTTP, and, as what a client pays
 * without orders, the same lines as single reservations one after another. Prints orders/s, lines/s, p50/p99 per
 * order and the CPU per line, then the per-line cost of an order of 5 lines against 5 single reservations.
 */
@Tag("benchmark")
class ReservationBenchmark extends ServiceIntegrationTest {

    /** SKUs the spread cells draw from ({@code -Dbenchmark.spread-skus=2000}); the range is 2,000 to 10,000. */
    private static final int SPREAD_SKUS = Integer.getInteger("benchmark.spread-skus", 10_000);
    /** The spread cells' name in the table: "10k" for 10,000 SKUs. */
    private static final String SPREAD = SPREAD_SKUS % 1000 == 0 ? SPREAD_SKUS / 1000 + "k" : SPREAD_SKUS + " SKUs";
    /** {@code -Dbenchmark.clients=64} and {@code -Dbenchmark.skus=hot} (or {@code spread}) narrow a run to some cells. */
    private static final int[] CLIENTS = java.util.Arrays.stream(
            System.getProperty("benchmark.clients", "1,16,64").split(",")).mapToInt(Integer::parseInt).toArray();
    private static final String SKUS = System.getProperty("benchmark.skus", "hot,spread");
    /** {@code -Dbenchmark.modes=in-process} narrows a run to some modes (row-lock, in-process, http), e.g. to profile. */
    private static final String MODES = System.getProperty("benchmark.modes", "row-lock,in-process,http");
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    /**
     * Reservations made during a run never expire during it (the longest ttl the API allows): expiring the warm-up's
     * hundred thousand reservations minutes later would be measured in whatever cell runs then.
     */
    private static final Duration TTL = Duration.ofHours(1);
    /** {@code -Dbenchmark.seconds=30} measures each cell longer, e.g. to profile it. */
    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("benchmark.seconds", 4));
    /** Lines per order in the order cells ({@code -Dbenchmark.order-lines}); the comparison needs 5. */
    private static final int[] ORDER_LINES = Arrays.stream(
            System.getProperty("benchmark.order-lines", "1,5,20").split(",")).mapToInt(Integer::parseInt).toArray();
    /** SKUs the order lines are spread over ({@code -Dbenchmark.order-skus}; the smoke run opens fewer). */
    private static final int ORDER_SKUS = Integer.getInteger("benchmark.order-skus", SPREAD_SKUS);
    /** The order size whose per-line cost is compared with single reservations. */
    private static final int COMPARED_LINES = 5;

    @Autowired
    private CommandGateway commands;

    @Autowired
    private Environment environment;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private Cache stockLedgerCache;

    private final LoadGenerator loadGenerator = new LoadGenerator();

    /**
     * One measured cell of the table. {@code perWrite}: commands per ledger write (group commit's mean batch for one
     * ledger); {@code perTransaction}: commands per database transaction (several ledgers' writes may share one);
     * both NaN for the row-lock ledger. {@code walKilobytesEach}: the database's write-ahead log per reservation.
     * {@code loadsPerThousand}: ledgers loaded from the store (aggregate cache misses) per 1,000 reservations; NaN for
     * the row-lock ledger.
     */
    record Cell(String mode, String skus, int clients, double perSecond, Histogram latency, long errors,
                        double perWrite, double perTransaction, double cpuMillisEach, double postgresMillisEach,
                        double loadGeneratorMillisEach, double walKilobytesEach, double loadsPerThousand,
                        double jitShare, long races, double load) {
    }

    /**
     * One measured cell of the orders' table: {@code perSecond} orders per second of {@code lines} lines each; the CPU
     * per line (JVM and PostgreSQL, as in {@link Cell}).
     */
    private record OrderCell(String mode, int lines, int clients, double perSecond, Histogram latency, long errors,
                             double cpuMillisPerLine, double postgresMillisPerLine, double jitShare, double load) {
    }

    @Test
    void reservationsPerSecondAgainstTheRowLockLedger() throws Exception {
        List<Cell> cells = new ArrayList<>();
        try (HikariDataSource pool = rowLockPool()) {
            prepareRowLockTables(pool);
            List<StockLedgerId> spread = measuresSpread() ? openLedgers(SPREAD_SKUS) : List.of();
            warmUpTheJit(pool, spread);
            for (int clients : CLIENTS) {
                StockLedgerId hot = openLedgers(1).getFirst();
                List<StockLedgerId> hotOnly = List.of(hot);
                if (SKUS.contains("hot")) {
                    if (MODES.contains("row-lock")) {
                        cells.add(run("row-lock (JDBC)", "hot", clients, sku -> rowLockReserve(pool, 0)));
                    }
                    if (MODES.contains("in-process")) {
                        cells.add(run("ledger in-process", "hot", clients, sku -> inProcessReserve(hotOnly.getFirst())));
                    }
                    if (MODES.contains("http")) {
                        cells.add(run("ledger HTTP + JWT", "hot", clients, sku -> httpReserve(hotOnly.getFirst())));
                    }
                }
                if (measuresSpread()) {
                    if (MODES.contains("row-lock")) {
                        cells.add(run("row-lock (JDBC)", SPREAD, clients, sku -> rowLockReserve(pool, sku)));
                    }
                    if (MODES.contains("in-process")) {
                        cells.add(run("ledger in-process", SPREAD, clients, sku -> inProcessReserve(spread.get(sku))));
                    }
                    if (MODES.contains("http")) {
                        cells.add(run("ledger HTTP + JWT", SPREAD, clients, sku -> httpReserve(spread.get(sku))));
                    }
                }
            }
        }
        print(cells);
        System.out.println(ReservationTargets.summary(cells));
        assertThat(cells).allSatisfy(cell -> assertThat(cell.errors())
                .as("%s %s %d clients: failed requests", cell.mode(), cell.skus(), cell.clients()).isZero());
    }

    @Test
    void ordersPerSecondAgainstTheRowLockLedger() throws Exception {
        List<OrderCell> cells = new ArrayList<>();
        try (HikariDataSource pool = rowLockPool()) {
            prepareRowLockTables(pool);
            List<StockLedgerId> skus = openLedgers(ORDER_SKUS);
            Map<String, OrderOperation> modes = orderModes(pool, skus);
            warmUpTheJitForOrders(modes);
            for (int clients : CLIENTS) {
                for (int lines : ORDER_LINES) {
                    for (Map.Entry<String, OrderOperation> mode : modes.entrySet()) {
                        cells.add(runOrders(mode.getKey(), lines, clients, mode.getValue()));
                    }
                }
            }
        }
        printOrders(cells);
        assertThat(cells).allSatisfy(cell -> assertThat(cell.errors())
                .as("%s, %d lines, %d clients: failed orders", cell.mode(), cell.lines(), cell.clients()).isZero());
    }

    /** Reserves one order of these SKUs' lines (indices into the spread SKUs, distinct, ascending). */
    @FunctionalInterface
    private interface OrderOperation {
        boolean reserve(int[] lines) throws Exception;
    }

    private static final String ROW_LOCK_ORDER = "row-lock, one transaction (JDBC)";
    private static final String ORDER_IN_PROCESS = "order in-process";
    private static final String ORDER_HTTP = "order HTTP + JWT";
    private static final String SINGLES_IN_PROCESS = "single reserves in-process, one after another";
    private static final String SINGLES_HTTP = "single reserves HTTP + JWT, one after another";

    /** The modes in use ({@code -Dbenchmark.modes}), in table order. */
    private Map<String, OrderOperation> orderModes(HikariDataSource pool, List<StockLedgerId> skus) {
        Map<String, OrderOperation> modes = new LinkedHashMap<>();
        if (MODES.contains("row-lock")) {
            modes.put(ROW_LOCK_ORDER, lines -> rowLockOrder(pool, lines));
        }
        if (MODES.contains("in-process")) {
            modes.put(ORDER_IN_PROCESS, lines -> inProcessOrder(ledgers(skus, lines)));
            modes.put(SINGLES_IN_PROCESS, lines -> {
                for (StockLedgerId ledger : ledgers(skus, lines)) {
                    inProcessReserve(ledger);
                }
                return true;
            });
        }
        if (MODES.contains("http")) {
            modes.put(ORDER_HTTP, lines -> httpOrder(ledgers(skus, lines)));
            modes.put(SINGLES_HTTP, lines -> {
                for (StockLedgerId ledger : ledgers(skus, lines)) {
                    if (!httpReserve(ledger)) {
                        return false;
                    }
                }
                return true;
            });
        }
        return modes;
    }

    private static List<StockLedgerId> ledgers(List<StockLedgerId> skus, int[] lines) {
        return Arrays.stream(lines).mapToObj(skus::get).toList();
    }

    /** {@code count} distinct random SKU indices, ascending (the row-lock ledger's lock order). */
    private static int[] randomLines(int count) {
        return ThreadLocalRandom.current().ints(0, ORDER_SKUS).distinct().limit(count).sorted().toArray();
    }

    /** As {@link #warmUpTheJit}, for the order modes: orders of 5 lines. */
    private void warmUpTheJitForOrders(Map<String, OrderOperation> modes) throws Exception {
        JitWarmUp.untilSettled(" (orders)", maxClients(), clients -> {
            for (OrderOperation mode : modes.values()) {
                ClosedLoad.unmeasured(clients, 1, ignoredSku -> mode.reserve(randomLines(COMPARED_LINES)),
                        JitWarmUp.ROUND);
            }
        });
    }

    private OrderCell runOrders(String mode, int lines, int clients, OrderOperation operation)
            throws InterruptedException {
        ClosedLoad.Call order = ignoredSku -> operation.reserve(randomLines(lines));
        ClosedLoad.unmeasured(clients, 1, order, WARM_UP);
        Measurement measured = Measurement.of(jdbc, clients, 1, order, MEASURE, generatorOf(mode));
        long linesDone = measured.done() * lines;
        return new OrderCell(mode, lines, clients, measured.perSecond(), measured.latency(), measured.errors(),
                measured.cpuMillisPer(linesDone), measured.postgresMillisPer(linesDone), measured.jitShare(),
                CpuTime.loadAverage());
    }

    /** Every mode in use, on a hot SKU of its own and on the spread SKUs (when those are measured). */
    private void warmUpTheJit(HikariDataSource pool, List<StockLedgerId> spread) throws Exception {
        StockLedgerId ledger = openLedgers(1).getFirst();
        JitWarmUp.untilSettled("", maxClients(), clients -> {
            if (MODES.contains("row-lock")) {
                ClosedLoad.unmeasured(clients, SPREAD_SKUS, sku -> rowLockReserve(pool, sku), JitWarmUp.ROUND);
            }
            if (MODES.contains("in-process")) {
                ClosedLoad.unmeasured(clients, 1, sku -> inProcessReserve(ledger), JitWarmUp.ROUND);
                if (!spread.isEmpty()) {
                    ClosedLoad.unmeasured(clients, spread.size(), sku -> inProcessReserve(spread.get(sku)),
                            JitWarmUp.ROUND);
                }
            }
            if (MODES.contains("http")) {
                ClosedLoad.unmeasured(clients, 1, sku -> httpReserve(ledger), JitWarmUp.ROUND);
                if (!spread.isEmpty()) {
                    ClosedLoad.unmeasured(clients, spread.size(), sku -> httpReserve(spread.get(sku)),
                            JitWarmUp.ROUND);
                }
            }
        });
    }

    /** Over HTTP the clients and the JDK HttpClient run on threads of their own, their CPU apart from the service's. */
    private LoadGenerator generatorOf(String mode) {
        return mode.contains("HTTP") ? loadGenerator : null;
    }

    /** Any SKU set named but "hot" ({@code 10k}, {@code spread}, as older commands name it) measures the spread. */
    private static boolean measuresSpread() {
        return Arrays.stream(SKUS.split(",")).anyMatch(name -> !name.equals("hot"));
    }

    /** As many clients as the largest cell: batch sizes, and so the code paths compiled, follow the client count. */
    private static int maxClients() {
        return Arrays.stream(CLIENTS).max().orElse(16);
    }

    private Cell run(String mode, String skus, int clients, ClosedLoad.Call reservation) throws InterruptedException {
        int skuCount = skus.equals("hot") ? 1 : SPREAD_SKUS;
        ClosedLoad.unmeasured(clients, skuCount, reservation, WARM_UP);
        // absent before group commit: the same benchmark then measures the old dispatcher (for before/after)
        DistributionSummary batches = Optional.ofNullable(meters.find("inventory.command.batch.size").summary())
                .orElseGet(() -> DistributionSummary.builder("unused").register(new SimpleMeterRegistry()));
        DistributionSummary shared = Optional.ofNullable(meters.find("inventory.command.transaction.ledgers")
                .summary()).orElseGet(() -> DistributionSummary.builder("unused").register(new SimpleMeterRegistry()));
        long writesBefore = batches.count();
        double commandsBefore = batches.totalAmount();
        long sharedBefore = shared.count();
        double sharingLedgersBefore = shared.totalAmount();
        double racesBefore = racesLost();
        long loadsBefore = ledgerLoads();
        Measurement measured = Measurement.of(jdbc, clients, skuCount, reservation, MEASURE, generatorOf(mode));
        long writes = batches.count() - writesBefore;
        // a transaction is a ledger's write alone, or one shared by several ledgers' writes
        double transactions = writes - (shared.totalAmount() - sharingLedgersBefore) + (shared.count() - sharedBefore);
        boolean ledger = !mode.startsWith("row-lock") && writes > 0;
        double commands = batches.totalAmount() - commandsBefore;
        double perWrite = ledger ? commands / writes : Double.NaN;
        double perTransaction = ledger ? commands / transactions : Double.NaN;
        return new Cell(mode, skus, clients, measured.perSecond(), measured.latency(), measured.errors(), perWrite,
                perTransaction, measured.cpuMillisPer(measured.done()), measured.postgresMillisPer(measured.done()),
                measured.loadGeneratorMillisPer(measured.done()), measured.walKilobytesPer(measured.done()),
                ledger ? 1000.0 * (ledgerLoads() - loadsBefore) / Math.max(1, measured.done()) : Double.NaN,
                measured.jitShare(),
                Math.round(racesLost() - racesBefore), CpuTime.loadAverage());
    }

    /**
     * Ledgers loaded from snapshot and events so far: the aggregate cache's misses. More SKUs in use than the cache
     * holds ({@code ledger.cache.max-memory}) and nearly every command loads its ledger.
     */
    private long ledgerLoads() {
        return stockLedgerCache instanceof CaffeineAggregateCache caffeine ? caffeine.misses() : 0;
    }

    /** Appends lost to another writer of the same ledger and retried (reloading the ledger), so far. */
    private double racesLost() {
        return Optional.ofNullable(meters.find("inventory.race.conditions").counter())
                .map(io.micrometer.core.instrument.Counter::count).orElse(0.0);
    }

    // ---- the three ways to reserve ----

    /** The row-lock ledger's single reservation is its order of one line (short of stock, it writes nothing). */
    private static boolean rowLockReserve(HikariDataSource pool, int sku) throws SQLException {
        return rowLockOrder(pool, sku);
    }

    private boolean inProcessReserve(StockLedgerId ledger) throws Exception {
        commands.send(new ReserveStock(ledger, TimeOrderedIds.next(), 1, TTL, LedgerClient.key()),
                new CommandOrigin("benchmark", "bench").toMetaData()).get(30, TimeUnit.SECONDS);
        return true;
    }

    private boolean httpReserve(StockLedgerId ledger) {
        return client.post("/v1/reserve", LedgerClient.reserveBody(ledger.productId(), ledger.warehouseId(), 1,
                LedgerClient.key(), (int) TTL.toSeconds())).status() == 200;
    }

    /** The classic row-lock ledger's order: one transaction, one conditional UPDATE and one INSERT per line. */
    private static boolean rowLockOrder(HikariDataSource pool, int... lines) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE bench_balance SET reserved = reserved + 1 WHERE sku = ? AND on_hand - reserved >= 1");
                 PreparedStatement insert = connection.prepareStatement(
                         "INSERT INTO bench_reservation (id, sku, quantity, expires_at) VALUES (?, ?, 1, now() + interval '5 minutes')")) {
                for (int sku : lines) { // ascending: concurrent orders lock their rows in one order, no deadlock
                    update.setInt(1, sku);
                    if (update.executeUpdate() != 1) {
                        connection.rollback();
                        return false;
                    }
                    insert.setObject(1, TimeOrderedIds.next()); // the ids the ledger gives its reservations, for the same index cost
                    insert.setInt(2, sku);
                    insert.executeUpdate();
                }
                connection.commit();
                return true;
            } catch (SQLException failed) {
                connection.rollback();
                throw failed;
            }
        }
    }

    private static List<OrderLineRequest> orderLines(List<StockLedgerId> ledgers) {
        List<OrderLineRequest> lines = new ArrayList<>();
        for (StockLedgerId ledger : ledgers) {
            lines.add(new OrderLineRequest(String.valueOf(lines.size() + 1), ledger.productId(), 1,
                    ledger.warehouseId(), null, null));
        }
        return lines;
    }

    private boolean inProcessOrder(List<StockLedgerId> ledgers) throws Exception {
        commands.send(new ReserveOrder("bench-" + UUID.randomUUID(), LedgerClient.key(), TTL, SourcingRule.DEFAULT,
                        List.of(), orderLines(ledgers)),
                new CommandOrigin("benchmark", "bench").toMetaData()).get(30, TimeUnit.SECONDS);
        return true;
    }

    private boolean httpOrder(List<StockLedgerId> ledgers) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (StockLedgerId ledger : ledgers) {
            lines.add(Map.of("line_id", String.valueOf(lines.size() + 1), "product_id", ledger.productId().toString(),
                    "warehouse_id", ledger.warehouseId().toString(), "quantity", 1));
        }
        return client.post("/v1/orders/reserve", Map.of("order_id", "bench-" + UUID.randomUUID(),
                "idempotency_key", LedgerClient.key(), "ttl_seconds", (int) TTL.toSeconds(), "lines", lines))
                .status() == 200;
    }

    // ---- setup ----

    /**
     * Opens ledgers with a million units each, from 32 threads (a send waits until its command is written; the
     * receipts share transactions, as in production).
     */
    private List<StockLedgerId> openLedgers(int count) throws Exception {
        List<StockLedgerId> ledgers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ledgers.add(new StockLedgerId(UUID.randomUUID(), UUID.randomUUID()));
        }
        AtomicLong next = new AtomicLong();
        List<java.util.concurrent.Future<?>> openers = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < Math.min(32, count); t++) {
                openers.add(threads.submit(() -> {
                    for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        commands.send(new ReceiveStock(ledgers.get((int) i), 1_000_000, null, LedgerClient.key()),
                                new CommandOrigin("benchmark", "bench").toMetaData()).get(60, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> opener : openers) {
                opener.get(); // a receipt that failed fails the run
            }
        }
        return ledgers;
    }

    private HikariDataSource rowLockPool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(environment.getProperty("spring.datasource.url"));
        pool.setUsername(environment.getProperty("spring.datasource.username"));
        pool.setPassword(environment.getProperty("spring.datasource.password", ""));
        pool.setMaximumPoolSize(64);
        return pool;
    }

    private static void prepareRowLockTables(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement sql = connection.createStatement()) {
            // both tests of the class create them, in one database
            sql.execute("DROP TABLE IF EXISTS bench_balance, bench_reservation");
            sql.execute("CREATE TABLE bench_balance (sku INTEGER PRIMARY KEY, on_hand BIGINT NOT NULL,"
                    + " reserved BIGINT NOT NULL)");
            sql.execute("CREATE TABLE bench_reservation (id UUID PRIMARY KEY, sku INTEGER NOT NULL,"
                    + " quantity INTEGER NOT NULL, expires_at TIMESTAMPTZ NOT NULL)");
            sql.execute("INSERT INTO bench_balance SELECT g, 1000000000, 0 FROM generate_series(0, "
                    + (SPREAD_SKUS - 1) + ") g");
        }
    }

    private static void print(List<Cell> cells) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n| mode | SKUs | clients | reservations/s | p50 ms | p99 ms | p99.9 ms | × row-lock | commands/write"
                        + " | commands/transaction | CPU ms each | of which PostgreSQL | load generator ms each | WAL KB each"
                        + " | ledger loads per 1,000 | JIT | races | load |%n"
                        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n"));
        for (Cell cell : cells) {
            double baseline = cells.stream()
                    .filter(other -> other.mode().startsWith("row-lock") && other.skus().equals(cell.skus())
                            && other.clients() == cell.clients())
                    .findFirst().map(Cell::perSecond).orElse(Double.NaN);
            table.append(String.format(Locale.ROOT,
                    "| %s | %s | %d | %,.0f | %.2f | %.2f | %.2f | %.2f | %s | %s | %.2f | %.2f | %s | %.2f | %s | %.0f%% | %d | %.1f |%n",
                    cell.mode(), cell.skus(), cell.clients(), cell.perSecond(),
                    cell.latency().getValueAtPercentile(50) / 1e6, cell.latency().getValueAtPercentile(99) / 1e6,
                    cell.latency().getValueAtPercentile(99.9) / 1e6, cell.perSecond() / baseline,
                    oneDecimal(cell.perWrite()), oneDecimal(cell.perTransaction()),
                    cell.cpuMillisEach(), cell.postgresMillisEach(), twoDecimals(cell.loadGeneratorMillisEach()),
                    cell.walKilobytesEach(), oneDecimal(cell.loadsPerThousand()), cell.jitShare() * 100,
                    cell.races(),
                    cell.load()));
        }
        System.out.println(table);
    }

    private static void printOrders(List<OrderCell> cells) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%n| mode | lines | clients | orders/s | lines/s | p50 ms | p99 ms | × row-lock | CPU ms per line"
                        + " | of which PostgreSQL | JIT | load |%n|---|---|---|---|---|---|---|---|---|---|---|---|%n"));
        for (OrderCell cell : cells) {
            double baseline = orderCell(cells, ROW_LOCK_ORDER, cell.lines(), cell.clients())
                    .map(OrderCell::perSecond).orElse(Double.NaN);
            table.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %,.0f | %,.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.0f%% | %.1f |%n",
                    cell.mode(), cell.lines(), cell.clients(), cell.perSecond(), cell.perSecond() * cell.lines(),
                    cell.latency().getValueAtPercentile(50) / 1e6, cell.latency().getValueAtPercentile(99) / 1e6,
                    cell.perSecond() / baseline, cell.cpuMillisPerLine(), cell.postgresMillisPerLine(),
                    cell.jitShare() * 100, cell.load()));
        }
        table.append(String.format(Locale.ROOT, "%nAn order of %d lines against %d single reservations (target: the "
                + "order costs less CPU per line):%n%n| transport | clients | order: CPU ms per line | singles: CPU ms"
                + " per line | order ÷ singles | order p50 ms | %d singles p50 ms | target |%n"
                + "|---|---|---|---|---|---|---|---|%n", COMPARED_LINES, COMPARED_LINES, COMPARED_LINES));
        for (int clients : CLIENTS) {
            for (String[] pair : new String[][] {{"in-process", ORDER_IN_PROCESS, SINGLES_IN_PROCESS},
                    {"HTTP + JWT", ORDER_HTTP, SINGLES_HTTP}}) {
                Optional<OrderCell> order = orderCell(cells, pair[1], COMPARED_LINES, clients);
                Optional<OrderCell> singles = orderCell(cells, pair[2], COMPARED_LINES, clients);
                if (order.isEmpty() || singles.isEmpty()) {
                    continue;
                }
                double ratio = order.get().cpuMillisPerLine() / singles.get().cpuMillisPerLine();
                table.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s |%n",
                        pair[0], clients, order.get().cpuMillisPerLine(), singles.get().cpuMillisPerLine(), ratio,
                        order.get().latency().getValueAtPercentile(50) / 1e6,
                        singles.get().latency().getValueAtPercentile(50) / 1e6, ratio < 1 ? "met" : "missed"));
            }
        }
        System.out.println(table);
    }

    private static Optional<OrderCell> orderCell(List<OrderCell> cells, String mode, int lines, int clients) {
        return cells.stream().filter(cell -> cell.mode().equals(mode) && cell.lines() == lines
                && cell.clients() == clients).findFirst();
    }

    /** Blank where nothing was measured apart (in-process and row-lock cells). */
    private static String twoDecimals(double value) {
        return value == 0 ? "" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String oneDecimal(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value);
    }
}
