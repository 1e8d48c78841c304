package io.stockledger.api.idempotency;

import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Redis first, PostgreSQL when Redis fails. Correctness never depends on Redis: during an outage a retried request
 * may miss a response stored in Redis and run again, and then the ledger's own idempotency (the body's
 * idempotency_key) still prevents a second reservation. Every fall-back is counted
 * ({@code inventory_redis_fallbacks_total}): the {@code RedisUnavailable} alert watches it.
 */
public class ResilientIdempotencyStore implements IdempotencyStore {

    private static final Logger log = LoggerFactory.getLogger(ResilientIdempotencyStore.class);

    private final IdempotencyStore redis;
    private final IdempotencyStore postgres;
    private final RedisConnection connection;
    private final Counter fallbacks;

    public ResilientIdempotencyStore(IdempotencyStore redis, IdempotencyStore postgres, RedisConnection connection,
                                     Counter fallbacks) {
        this.redis = redis;
        this.postgres = postgres;
        this.connection = connection;
        this.fallbacks = fallbacks;
    }

    private void redisFailed() {
        connection.failed();
        fallbacks.increment();
    }

    @Override
    public Optional<StoredRequest> claim(String key, String fingerprint, Duration lease) {
        try {
            return redis.claim(key, fingerprint, lease);
        } catch (RuntimeException redisFailed) {
            redisFailed();
            log.warn("Redis unavailable ({}); idempotency key {} goes to PostgreSQL", redisFailed.getMessage(), key);
            return postgres.claim(key, fingerprint, lease);
        }
    }

    @Override
    public void complete(String key, StoredRequest response, Duration retention) {
        try {
            redis.complete(key, response, retention);
        } catch (RuntimeException redisFailed) {
            redisFailed();
            postgres.complete(key, response, retention);
        }
    }

    @Override
    public void release(String key, String fingerprint) {
        try {
            redis.release(key, fingerprint);
        } catch (RuntimeException redisFailed) {
            redisFailed();
        }
        postgres.release(key, fingerprint);
    }
}
