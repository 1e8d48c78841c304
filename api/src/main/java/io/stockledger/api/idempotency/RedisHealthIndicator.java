package io.stockledger.api.idempotency;

import io.stockledger.api.relay.NatsRelayHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Redis is an accelerator, never a dependency: unreachable means DEGRADED (PostgreSQL takes over), never DOWN. */
public class RedisHealthIndicator implements HealthIndicator {

    private final RedisConnection redis;

    public RedisHealthIndicator(RedisConnection redis) {
        this.redis = redis;
    }

    @Override
    public Health health() {
        return redis.ping() ? Health.up().build()
                : Health.status(NatsRelayHealthIndicator.DEGRADED)
                        .withDetail("fallback", "idempotency responses are kept in PostgreSQL").build();
    }
}
