package io.stockledger.api.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockledger.command.routing.ForwardingObserver;
import io.stockledger.command.routing.LedgerCluster;
import io.stockledger.command.routing.OwnershipChanges;
import io.stockledger.command.routing.ScaleOutEnabled;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/** With scale-out on: the cluster in the health endpoint, and the commands forwarded to other instances timed. */
@Configuration
@Conditional(ScaleOutEnabled.class)
public class ScaleOutObservability {

    @Bean
    public LedgerClusterHealthIndicator ledgerClusterHealthIndicator(LedgerCluster cluster,
                                                                     OwnershipChanges ownership) {
        return new LedgerClusterHealthIndicator(cluster, ownership);
    }

    /**
     * {@code ledger.command.forwarded}: commands sent to their ledger's owner on another instance, and the round trip
     * (the owner's queue and write included), by outcome: {@code answered} (a refusal too) or {@code lost} (the
     * owner left or could not be reached).
     */
    @Bean
    public ForwardingObserver forwardingTimer(MeterRegistry registry) {
        Timer answered = forwarded(registry, "answered");
        Timer lost = forwarded(registry, "lost");
        return (nanos, lostInTransit) -> (lostInTransit ? lost : answered).record(nanos, TimeUnit.NANOSECONDS);
    }

    private static Timer forwarded(MeterRegistry registry, String outcome) {
        return Timer.builder("ledger.command.forwarded")
                .description("Commands executed on their ledger's owner, another instance: the round trip")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }
}
