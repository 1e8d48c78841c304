package io.stockledger.api.relay;

import io.stockledger.api.metrics.ProcessorLag;
import io.stockledger.query.relay.LedgerStream;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * The relay's view of NATS. NATS down makes the service DEGRADED, never DOWN: the ledger keeps taking commands and
 * the relay catches up when NATS returns. It is not part of readiness.
 */
public record NatsRelayHealthIndicator(LedgerStream stream, ProcessorLag lag) implements HealthIndicator {

    public static final Status DEGRADED = new Status("DEGRADED", "NATS unreachable: events queue in the store");

    @Override
    public Health health() {
        Health.Builder health = stream.isConnected() ? Health.up() : Health.status(DEGRADED);
        return health.withDetail("connection", stream.status())
                .withDetail("stream", stream.settings().streamName())
                .withDetail("events_behind", lag.eventsBehind())
                .build();
    }
}
