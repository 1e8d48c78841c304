package io.stockledger.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.SetArgs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The store in Redis: {@code SET NX PX} claims a key atomically with a lease; the completed response replaces it
 * with a 24-hour expiry. Values are small JSON documents. Any Redis failure surfaces as an exception, which
 * {@link ResilientIdempotencyStore} answers by using PostgreSQL for that request.
 */
public class RedisIdempotencyStore implements IdempotencyStore {

    private static final String PREFIX = "stock-ledger:idempotency:";

    private final RedisConnection connection;
    private final ObjectMapper json = new ObjectMapper();

    public RedisIdempotencyStore(RedisConnection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<StoredRequest> claim(String key, String fingerprint, Duration lease) {
        var redis = connection.commands();
        String claimed = redis.set(PREFIX + key, write(StoredRequest.inFlight(fingerprint)),
                SetArgs.Builder.nx().px(lease.toMillis()));
        if ("OK".equals(claimed)) {
            return Optional.empty();
        }
        String existing = redis.get(PREFIX + key);
        return existing == null ? claim(key, fingerprint, lease) : Optional.of(read(existing));
    }

    @Override
    public void complete(String key, StoredRequest response, Duration retention) {
        connection.commands().set(PREFIX + key, write(response), SetArgs.Builder.px(retention.toMillis()));
    }

    @Override
    public void release(String key, String fingerprint) {
        var redis = connection.commands();
        String existing = redis.get(PREFIX + key);
        if (existing != null && read(existing).fingerprint().equals(fingerprint)
                && read(existing).state() == StoredRequest.State.IN_FLIGHT) {
            redis.del(PREFIX + key);
        }
    }

    private String write(StoredRequest request) {
        try {
            return json.writeValueAsString(request);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredRequest read(String value) {
        try {
            return json.readValue(value, StoredRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
