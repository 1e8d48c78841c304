package io.stockledger.api.startup;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * {@code REDIS_URL} is not a URL the Redis client can use. (An unreachable Redis is no start-up failure: the
 * service falls back to PostgreSQL and reports Redis as DEGRADED.)
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 40)
public final class RedisUrlFailureAnalyzer implements FailureAnalyzer {

    private static final String REDIS_BEAN = "redisConnection";

    private final Environment environment;

    public RedisUrlFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        boolean redisFailed = CauseChain.of(failure).stream().anyMatch(cause ->
                cause instanceof BeanCreationException creation && REDIS_BEAN.equals(creation.getBeanName()));
        if (!redisFailed) {
            return null;
        }
        Throwable root = CauseChain.root(failure);
        return new FailureAnalysis(
                "REDIS_URL '" + environment.getProperty("ledger.redis.url", "") + "' cannot be used: "
                        + root.getMessage() + ".",
                "Write it as redis://<host>:<port> (e.g. redis://localhost:6379; rediss:// for TLS, "
                        + "redis://:<password>@<host>:6379/0 with a password and a database), or unset REDIS_URL to "
                        + "keep Idempotency-Key responses in PostgreSQL only.",
                root);
    }
}
