package io.stockledger.api.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockledger.api.metrics.ProcessorLag;
import io.stockledger.command.caching.CaffeineAggregateCache;
import io.stockledger.command.config.RaceConditionCounter;
import io.stockledger.command.dispatch.BatchObserver;
import io.stockledger.command.dispatch.GroupCommitGateway;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

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
     * went into one unit of work, and how many batches failed as a whole and were split.
     */
    @Bean
    public BatchObserver commandBatchMetrics(MeterRegistry registry) {
        DistributionSummary sizes = DistributionSummary.builder("inventory.command.batch.size")
                .description("Commands written to one ledger in one unit of work")
                .baseUnit("commands")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128) // histogram buckets for Prometheus
                .register(registry);
        DistributionSummary shared = DistributionSummary.builder("inventory.command.transaction.ledgers")
                .description("Ledgers written together in one transaction (only transactions of two or more)")
                .baseUnit("ledgers")
                .serviceLevelObjectives(2, 4, 8, 16, 32, 64, 128)
                .register(registry);
        Counter splits = Counter.builder("inventory.command.batch.splits")
                .description("Batches for one ledger that failed as a whole (not a refusal) and were resent one "
                        + "command at a time")
                .register(registry);
        Timer orderSlotWaits = Timer.builder("inventory.command.order.slot.wait")
                .description("Time orders (commands spanning several ledgers) waited for an order slot")
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(50),
                        Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
        DistributionSummary orderBatches = DistributionSummary.builder("inventory.command.order.batch.size")
                .description("Orders (reserve, confirm, release of a whole order) written in one unit of work")
                .baseUnit("orders")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
                .register(registry);
        Counter orderSplits = Counter.builder("inventory.command.order.batch.splits")
                .description("Batches of orders that failed as a whole and were resent one order at a time")
                .register(registry);
        Counter sharedSplits = Counter.builder("inventory.command.transaction.splits")
                .description("Transactions over several ledgers that failed as a whole and were written again one "
                        + "ledger at a time")
                .register(registry);
        return new BatchObserver() {
            @Override
            public void written(int commands) {
                sizes.record(commands);
            }

            @Override
            public void sharedTransaction(int ledgers) {
                shared.record(ledgers);
            }

            @Override
            public void split(int commands) {
                splits.increment();
            }

            @Override
            public void sharedTransactionSplit(int ledgers) {
                sharedSplits.increment();
            }

            @Override
            public void orderSlotWaited(long nanos) {
                orderSlotWaits.record(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void ordersWritten(int orders) {
                orderBatches.record(orders);
            }

            @Override
            public void ordersSplit(int orders) {
                orderSplits.increment();
            }
        };
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

    @Bean
    public ProcessorLag readModelLag(EventStore eventStore, EventProcessingConfiguration processing,
                                     MeterRegistry registry) {
        return new ProcessorLag(eventStore, processing, ReadModelConfiguration.READ_MODELS).registerGauge(registry);
    }

    @Bean
    public Gauge ledgerCacheHitRate(@Qualifier("stockLedgerCache") Cache ledgers, MeterRegistry registry) {
        return Gauge.builder("inventory.cache.hit.rate", ledgers,
                        cache -> cache instanceof CaffeineAggregateCache caffeine ? caffeine.hitRate() : Double.NaN)
                .description("Share of ledger loads served from the aggregate cache since start")
                .register(registry);
    }
}
