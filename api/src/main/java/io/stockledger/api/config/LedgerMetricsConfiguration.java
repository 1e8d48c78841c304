package io.stockledger.api.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.stockledger.api.metrics.ProcessorBatchSizes;
import io.stockledger.api.metrics.ProcessorLag;
import io.stockledger.command.caching.CaffeineAggregateCache;
import io.stockledger.command.config.RaceConditionCounter;
import io.stockledger.command.dispatch.BatchObserver;
import io.stockledger.command.dispatch.GroupCommitGateway;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * Business and pipeline metrics beyond what Spring, Hikari and the JVM already publish. Names follow the seed
 * contract ({@code inventory_*}); no product or warehouse ids as labels: their number is unbounded.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerMetricsConfiguration {

    @Bean
    public RaceConditionCounter raceConditionCounter(MeterRegistry registry) {
        Counter counter = Counter.builder("inventory.race.conditions")
                .description("Commands that lost an append race on their ledger and were retried")
                .register(registry);
        return counter::increment;
    }

    /**
     * Group commit at work: how many commands each write to a ledger carried (1 = alone; on a hot SKU under load
     * the distribution moves up), how many ledgers shared a transaction (with many SKUs under load), how many orders
     * went into one unit of work, and how many batches of each kind failed as a whole and were split.
     */
    @Bean
    public BatchObserver commandBatchMetrics(MeterRegistry registry) {
        Map<BatchObserver.Batch, DistributionSummary> sizes = new EnumMap<>(BatchObserver.Batch.class);
        Map<BatchObserver.Batch, Counter> splits = new EnumMap<>(BatchObserver.Batch.class);
        sizes.put(BatchObserver.Batch.LEDGER, sizes(registry, "inventory.command.batch.size", "commands",
                "Commands written to one ledger in one unit of work", 1));
        splits.put(BatchObserver.Batch.LEDGER, Counter.builder("inventory.command.batch.splits")
                .description("Batches for one ledger that failed as a whole (not a refusal) and were resent one "
                        + "command at a time")
                .register(registry));
        sizes.put(BatchObserver.Batch.SHARED_TRANSACTION, sizes(registry, "inventory.command.transaction.ledgers",
                "ledgers", "Ledgers written together in one transaction (only transactions of two or more)", 2));
        splits.put(BatchObserver.Batch.SHARED_TRANSACTION, Counter.builder("inventory.command.transaction.splits")
                .description("Transactions over several ledgers that failed as a whole and were written again one "
                        + "ledger at a time")
                .register(registry));
        sizes.put(BatchObserver.Batch.ORDERS, sizes(registry, "inventory.command.order.batch.size", "orders",
                "Orders (reserve, confirm, release of a whole order) written in one unit of work", 1));
        splits.put(BatchObserver.Batch.ORDERS, Counter.builder("inventory.command.order.batch.splits")
                .description("Batches of orders that failed as a whole and were resent one order at a time")
                .register(registry));
        Timer orderSlotWaits = Timer.builder("inventory.command.order.slot.wait")
                .description("Time orders (commands spanning several ledgers) waited for an order slot")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(50),
                        Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
        return new BatchObserver() {
            @Override
            public void written(Batch batch, int size) {
                sizes.get(batch).record(size);
            }

            @Override
            public void split(Batch batch, int size) {
                splits.get(batch).increment();
            }

            @Override
            public void orderSlotWaited(long nanos) {
                orderSlotWaits.record(nanos, TimeUnit.NANOSECONDS);
            }
        };
    }

    /** Batch sizes from {@code smallest} up, with histogram buckets at the powers of two to 128 for Prometheus. */
    private static DistributionSummary sizes(MeterRegistry registry, String name, String unit, String description,
                                             int smallest) {
        double[] buckets = IntStream.rangeClosed(0, 7).map(power -> 1 << power)
                .filter(bucket -> bucket >= smallest).asDoubleStream().toArray();
        return DistributionSummary.builder(name).description(description).baseUnit(unit)
                .serviceLevelObjectives(buckets).register(registry);
    }

    /**
     * Commands waiting on this instance, by queue: {@code queue=ledger}, for their ledger's turn or a writer (the
     * depth of the group-commit queues); {@code queue=order}, orders waiting for an order slot.
     */
    @Bean
    public Gauge commandsWaiting(GroupCommitGateway commands, MeterRegistry registry) {
        return queued("ledger", commands, GroupCommitGateway::waitingCommands, registry);
    }

    /** Orders waiting for an order slot: see {@link #commandsWaiting}. */
    @Bean
    public Gauge ordersWaiting(GroupCommitGateway commands, MeterRegistry registry) {
        return queued("order", commands, GroupCommitGateway::waitingOrders, registry);
    }

    /** One queue of {@code inventory.command.queued}: this instance's group commit, whichever gateway callers use. */
    private static Gauge queued(String queue, GroupCommitGateway commands, ToDoubleFunction<GroupCommitGateway> depth,
                                MeterRegistry registry) {
        return Gauge.builder("inventory.command.queued", commands, depth)
                .description("Commands waiting on this instance: for their ledger's turn or a writer (queue=ledger), "
                        + "or orders for an order slot (queue=order)")
                .tag("queue", queue)
                .register(registry);
    }

    /** Events per batch of the {@code read-models} processor ({@link ProcessorBatchSizes}). */
    @Bean
    public ConfigurerModule readModelBatchSizes(MeterRegistry registry) {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(ReadModelConfiguration.READ_MODELS,
                configuration -> new ProcessorBatchSizes(ReadModelConfiguration.READ_MODELS, registry));
    }

    @Bean
    public ProcessorLag readModelLag(EventStore eventStore, EventProcessingConfiguration processing,
                                     MeterRegistry registry) {
        return new ProcessorLag(eventStore, processing, ReadModelConfiguration.READ_MODELS).registerGauge(registry);
    }

    /**
     * The aggregate cache: its hit rate since start; its misses as a counter, whose rate shows the present (with more
     * SKUs in use than the cache holds, nearly every command loads its ledger from snapshot and events, and the
     * rate since start moves too slowly to show it: docs/performance.md, "More SKUs in use than the cache holds");
     * and how full it is: ledgers held, their estimated memory against the limit.
     */
    @Bean
    public MeterBinder ledgerCacheMeters(@Qualifier("stockLedgerCache") Cache ledgers) {
        return registry -> {
            Gauge.builder("inventory.cache.hit.rate", ledgers, caffeine(CaffeineAggregateCache::hitRate))
                    .description("Share of ledger loads served from the aggregate cache since start")
                    .register(registry);
            FunctionCounter.builder("inventory.ledger.loads", ledgers, caffeine(CaffeineAggregateCache::misses))
                    .description("Ledgers the aggregate cache did not hold: loaded from snapshot and events (a new SKU: created)")
                    .register(registry);
            Gauge.builder("inventory.cache.ledgers", ledgers, caffeine(CaffeineAggregateCache::size))
                    .description("Ledgers held in the aggregate cache")
                    .register(registry);
            Gauge.builder("inventory.cache.memory", ledgers, caffeine(CaffeineAggregateCache::weight))
                    .description("Estimated heap of the ledgers held in the aggregate cache").baseUnit("bytes")
                    .register(registry);
            Gauge.builder("inventory.cache.memory.max", ledgers, caffeine(CaffeineAggregateCache::maximumWeight))
                    .description("The most the aggregate cache's ledgers may fill, by estimate (LEDGER_CACHE_MAX_MEMORY)")
                    .baseUnit("bytes").register(registry);
        };
    }

    /** A reading of the ledger cache; NaN where it is not the service's Caffeine cache. */
    private static ToDoubleFunction<Cache> caffeine(ToDoubleFunction<CaffeineAggregateCache> reading) {
        return cache -> cache instanceof CaffeineAggregateCache caffeine ? reading.applyAsDouble(caffeine) : Double.NaN;
    }
}
