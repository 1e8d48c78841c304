package io.stockledger.api.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/** The ledger's notion of now, injected into command handlers so tests can move time instead of sleeping. */
@Configuration(proxyBeanMethods = false)
public class ClockConfiguration {

    /**
     * The system clock, optionally shifted by {@code ledger.clock.offset} (an ISO-8601 duration such as {@code PT5M}).
     * The offset exists for tests that need time to have passed (a reservation's deadline) across a restart; leave
     * it unset in production.
     */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock(@Value("${ledger.clock.offset:PT0S}") Duration offset) {
        return offset.isZero() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), offset);
    }
}
