package io.stockledger.api.startup;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * {@code NATS_URL} is not a URL the NATS client can use. (An unreachable NATS is no start-up failure: the relay
 * retries, health shows {@code natsRelay} DEGRADED, and the backlog is published once NATS answers.)
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
public final class NatsUrlFailureAnalyzer extends UnusableUrlFailureAnalyzer {

    public NatsUrlFailureAnalyzer(Environment environment) {
        super(environment, "ledgerStream", "NATS_URL", "ledger.relay.nats-url",
                "Write it as nats://<host>:<port> (e.g. nats://localhost:4222; several servers separated by commas), "
                        + "or unset NATS_URL to run without the relay (it publishes the whole backlog once set).");
    }
}
