package io.stockledger.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import io.stockledger.api.web.problem.FaultAnswers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Duration;

/**
 * The Idempotency-Key store: Redis when {@code REDIS_URL} is set (PostgreSQL for any request during which Redis
 * fails), PostgreSQL alone otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class IdempotencyConfiguration {

    @Bean
    public PostgresIdempotencyStore postgresIdempotencyStore(JdbcTemplate jdbc) {
        return new PostgresIdempotencyStore(jdbc);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${ledger.redis.url:}'.isBlank()")
    public RedisConnection redisConnection(@Value("${ledger.redis.url}") String url,
                                           @Value("${ledger.redis.command-timeout:250ms}") Duration timeout) {
        return new RedisConnection(url, timeout);
    }

    @Bean
    @ConditionalOnExpression("!'${ledger.redis.url:}'.isBlank()")
    public RedisHealthIndicator redisHealthIndicator(RedisConnection redis) {
        return new RedisHealthIndicator(redis);
    }

    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
            PostgresIdempotencyStore postgres, ObjectProvider<RedisConnection> redis, SecurityProperties security,
            MeterRegistry meters, FaultAnswers faults,
            ObjectMapper json, @Value("${ledger.idempotency.retention:24h}") Duration retention,
            @Value("${ledger.idempotency.in-flight-lease:60s}") Duration lease) {
        RedisConnection connection = redis.getIfAvailable();
        IdempotencyStore store = connection == null ? postgres
                : new ResilientIdempotencyStore(new RedisIdempotencyStore(connection), postgres, connection,
                        Counter.builder("inventory.redis.fallbacks")
                                .description("Idempotency-Key operations that went to PostgreSQL because Redis failed")
                                .register(meters));
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(store, faults, json, retention, lease));
        registration.addUrlPatterns("/v1/*");
        // right behind Spring Security's filter, whose context names the caller; before everything that reads the body
        registration.setOrder(security.getFilter().getOrder() + 1);
        return registration;
    }
}
