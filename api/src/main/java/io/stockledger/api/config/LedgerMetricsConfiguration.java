package io.stockledger.api.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockledger.api.metrics.ProcessorLag;
import io.stockledger.command.caching.CaffeineAggregateCache;
import io.stockledger.command.config.RaceConditionCounter;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
