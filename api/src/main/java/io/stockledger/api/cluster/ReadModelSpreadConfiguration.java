package io.stockledger.api.cluster;

import io.stockledger.command.routing.LedgerCluster;
import io.stockledger.command.routing.ScaleOutEnabled;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;

/**
 * With scale-out on: the read models' segments spread over the cluster's instances ({@link ReadModelSegmentSpread}),
 * checked every {@code ledger.routing.segment-check-interval} (10 s).
 */
@Configuration
@Conditional(ScaleOutEnabled.class)
public class ReadModelSpreadConfiguration {

    /**
     * @param releaseFor how long a released segment stays free for another instance: longer than the interval at
     *                   which a tracking processor looks for unclaimed segments (Axon's default, 5 s)
     * @param backOff    how long a segment no other instance took is kept before it is offered again
     */
    @Bean
    ReadModelSegmentSpread readModelSegmentSpread(LedgerCluster cluster, EventProcessingConfiguration processing,
                                                  TokenStore tokens,
                                                  @Value("${ledger.routing.segment-release:15s}") Duration releaseFor,
                                                  @Value("${ledger.routing.segment-back-off:5m}") Duration backOff) {
        return new ReadModelSegmentSpread(new ProcessorClaims(() -> processing
                .eventProcessor(ReadModelConfiguration.READ_MODELS, TrackingEventProcessor.class).orElse(null),
                tokens, cluster), releaseFor, backOff, Clock.systemUTC());
    }
}
