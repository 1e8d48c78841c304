package io.stockledger.api.startup;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * {@code NATS_URL} is not a URL the NATS client can use. (An unreachable NATS is no start-up failure: the relay
 * retries, health shows {@code natsRelay} DEGRADED, and the backlog is published once NATS answers.)
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 50)
public final class NatsUrlFailureAnalyzer implements FailureAnalyzer {

    private static final String NATS_BEAN = "ledgerStream";

    private final Environment environment;

    public NatsUrlFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        boolean natsFailed = CauseChain.of(failure).stream().anyMatch(cause ->
                cause instanceof BeanCreationException creation && NATS_BEAN.equals(creation.getBeanName()));
        if (!natsFailed) {
            return null;
        }
        Throwable root = CauseChain.root(failure);
        return new FailureAnalysis(
                "NATS_URL '" + environment.getProperty("ledger.relay.nats-url", "") + "' cannot be used: "
                        + root.getMessage() + ".",
                "Write it as nats://<host>:<port> (e.g. nats://localhost:4222; several servers separated by commas), "
                        + "or unset NATS_URL to run without the relay (it publishes the whole backlog once set).",
                root);
    }
}
