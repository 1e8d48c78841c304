package io.stockledger.api.benchmark;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.TimeOrderedIds;
import io.stockledger.command.caching.CaffeineAggregateCache;
import io.stockledger.command.config.LedgerFootprint;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a cached ledger really occupies on the heap, against the estimate the aggregate cache is bounded by
 * ({@link LedgerFootprint}). For each shape of ledger, it fills the cache through the real command path, then
 * measures the heap after a full collection with those ledgers held and again once they are removed from the cache:
 * the difference is what only the cache kept alive. Prints a table and the bytes per ledger and per entry it implies;
 * asserts only that every command succeeded and that the ledgers were held. Not in the default suite:
 * {@code ./mvnw -pl api -am test -Dgroups=benchmark -Dtest.excluded.groups= -Dtest=LedgerFootprintBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class LedgerFootprintBenchmark extends ServiceIntegrationTest {

    private static final MetaData ORIGIN = new CommandOrigin("benchmark", "bench").toMetaData();
    /** Reservations never expire during the run: an expiry would change the shape being measured. */
    private static final Duration TTL = Duration.ofHours(1);

    @Autowired
    private CommandGateway commands;

    @Autowired
    @Qualifier("stockLedgerCache")
    private Cache cache;

    /** One shape of ledger: how many of them, and what each has been through after its receipt. */
    private record Shape(String name, int ledgers, int lots, int reservations, boolean ofOrders, boolean confirmed) {
    }

    /** One measured shape: the heap only the cache kept, and what the cache's weigher estimated for the same. */
    private record Footprint(Shape shape, double entriesEach, double measuredEach, double estimatedEach) {
    }

    @Test
    void cachedLedgersAgainstTheirEstimatedFootprint() throws Exception {
        CaffeineAggregateCache ledgers = (CaffeineAggregateCache) cache;
        List<Footprint> measured = new ArrayList<>();
        for (Shape shape : List.of(
                new Shape("one receipt", 5_000, 1, 0, false, false),
                new Shape("a receipt, 100 open reservations", 200, 1, 100, false, false),
                new Shape("a receipt, 100 confirmed reservations", 200, 1, 100, false, true),
                new Shape("a receipt, 100 open order lines", 200, 1, 100, true, false),
                new Shape("50 lots received", 200, 50, 0, false, false))) {
            measured.add(measure(shape, ledgers));
        }
        print(measured);
    }

    private Footprint measure(Shape shape, CaffeineAggregateCache ledgers) throws Exception {
        List<StockLedgerId> ids = new ArrayList<>();
        for (int i = 0; i < shape.ledgers(); i++) {
            ids.add(new StockLedgerId(UUID.randomUUID(), UUID.randomUUID()));
        }
        inParallel(ids, id -> {
            for (int lot = 0; lot < shape.lots(); lot++) {
                send(shape.lots() == 1 ? new ReceiveStock(id, 1_000_000, null, LedgerClient.key())
                        : new ReceiveStock(id, 1_000, new BigDecimal("12.50"), LedgerClient.key(), "LOT-2026-" + lot,
                        LocalDate.now().plusDays(30 + lot), "A-01-" + lot));
            }
            for (int r = 0; r < shape.reservations(); r++) {
                UUID reservation = TimeOrderedIds.next();
                send(shape.ofOrders()
                        ? new ReserveStock(id, reservation, 1, TTL, LedgerClient.key(), null, null,
                        "order-" + UUID.randomUUID(), "line-1")
                        : new ReserveStock(id, reservation, 1, TTL, LedgerClient.key()));
                if (shape.confirmed()) {
                    send(new ConfirmReservation(id, reservation));
                }
            }
        });
        ledgers.cleanUp();
        // Axon caches a ledger under its identifier's string form
        List<String> keys = ids.stream().map(StockLedgerId::toString).toList();
        assertThat(keys).as("every ledger of the shape is held").allMatch(ledgers::containsKey);

        long weightHeld = ledgers.weight();
        long heapHeld = heapAfterFullCollection();
        keys.forEach(ledgers::remove);
        ledgers.cleanUp();
        long weightReleased = weightHeld - ledgers.weight();
        long heapReleased = heapHeld - heapAfterFullCollection();

        double estimatedEach = (double) weightReleased / shape.ledgers();
        double entriesEach = (estimatedEach - LedgerFootprint.BASE_BYTES) / LedgerFootprint.BYTES_PER_ENTRY;
        return new Footprint(shape, entriesEach, (double) heapReleased / shape.ledgers(), estimatedEach);
    }

    private void send(Object command) {
        try {
            commands.send(command, ORIGIN).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a command of the benchmark failed: " + command, e);
        }
    }

    /** Each ledger's commands in order, 32 ledgers at a time (a send waits until its command is written). */
    private static void inParallel(List<StockLedgerId> ids, Consumer<StockLedgerId> work)
            throws Exception {
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
            for (StockLedgerId id : ids) {
                running.add(threads.submit(() -> work.accept(id)));
            }
            for (Future<?> each : running) {
                each.get(); // a command that failed fails the run
            }
        }
    }

    /** Heap in use after full collections, once it stops falling (the read models' batches settle meanwhile). */
    private static long heapAfterFullCollection() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static void print(List<Footprint> measured) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nCached ledgers' heap against the cache's estimate (base %,d B, %,d B per entry)%n"
                        + "%-40s %8s %12s %14s %14s %10s%n", LedgerFootprint.BASE_BYTES,
                LedgerFootprint.BYTES_PER_ENTRY, "shape", "ledgers", "entries each", "measured B", "estimated B",
                "measured/est"));
        for (Footprint each : measured) {
            table.append(String.format(Locale.ROOT, "%-40s %8d %12.1f %14.0f %14.0f %10.2f%n", each.shape().name(),
                    each.shape().ledgers(), each.entriesEach(), each.measuredEach(), each.estimatedEach(),
                    each.measuredEach() / each.estimatedEach()));
        }
        Footprint small = measured.getFirst();
        for (Footprint large : measured.subList(1, measured.size())) {
            table.append(String.format(Locale.ROOT, "implied by '%s' against '%s': %.0f B per entry, %.0f B base%n",
                    large.shape().name(), small.shape().name(),
                    (large.measuredEach() - small.measuredEach()) / (large.entriesEach() - small.entriesEach()),
                    small.measuredEach() - small.entriesEach()
                            * (large.measuredEach() - small.measuredEach()) / (large.entriesEach() - small.entriesEach())));
        }
        System.out.println(table);
    }
}
