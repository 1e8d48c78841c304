package io.stockledger.api.idempotency;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.time.Instant;

/**
 * A lettuce connection that the service can start without: if Redis is down at startup, or a command fails, the
 * next attempt to connect waits a few seconds, so an outage costs one short timeout now and then instead of one per
 * request. Lettuce itself reconnects an established connection.
 */
public class RedisConnection implements AutoCloseable {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile Instant nextAttempt = Instant.MIN;

    public RedisConnection(String url, Duration commandTimeout) {
        this.client = RedisClient.create(RedisURI.create(url));
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        client.setDefaultTimeout(commandTimeout);
    }

    /** Commands on a live connection, or an exception when Redis is (recently known to be) unreachable. */
    public RedisCommands<String, String> commands() {
        StatefulRedisConnection<String, String> current = connection;
        if (current != null && current.isOpen()) {
            return current.sync();
        }
        synchronized (this) {
            if (connection != null && connection.isOpen()) {
                return connection.sync();
            }
            if (Instant.now().isBefore(nextAttempt)) {
                throw new IllegalStateException("Redis unreachable; next attempt at " + nextAttempt);
            }
            try {
                connection = client.connect();
                return connection.sync();
            } catch (RuntimeException unreachable) {
                nextAttempt = Instant.now().plus(RETRY_AFTER);
                throw unreachable;
            }
        }
    }

    /** Marks Redis unreachable for a while after a failed command. */
    public void failed() {
        nextAttempt = Instant.now().plus(RETRY_AFTER);
        StatefulRedisConnection<String, String> current = connection;
        if (current != null && !current.isOpen()) {
            connection = null;
        }
    }

    public boolean ping() {
        try {
            return "PONG".equals(commands().ping());
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
