package io.stockledger.api.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockledger.command.config.RaceConditionCounter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Business metrics of the seed contract. No product or warehouse ids as labels: their number is unbounded. */
@Configuration(proxyBeanMethods = false)
public class LedgerMetricsConfiguration {

    @Bean
    public RaceConditionCounter raceConditionCounter(MeterRegistry registry) {
        Counter counter = Counter.builder("inventory.race.conditions")
                .description("Commands that lost an append race on their ledger and were retried")
                .register(registry);
        return counter::increment;
    }
}
