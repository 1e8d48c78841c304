package io.stockledger.api.startup;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * {@code REDIS_URL} is not a URL the Redis client can use. (An unreachable Redis is no start-up failure: the
 * service falls back to PostgreSQL and reports Redis as DEGRADED.)
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
public final class RedisUrlFailureAnalyzer extends UnusableUrlFailureAnalyzer {

    public RedisUrlFailureAnalyzer(Environment environment) {
        super(environment, "redisConnection", "REDIS_URL", "ledger.redis.url",
                "Write it as redis://<host>:<port> (e.g. redis://localhost:6379; rediss:// for TLS, "
                        + "redis://:<password>@<host>:6379/0 with a password and a database), or unset REDIS_URL to "
                        + "keep Idempotency-Key responses in PostgreSQL only.");
    }
}
