package io.stockledger.query.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The relay from the event store to NATS JetStream. Imported by the service only when a NATS URL is configured;
 * without it no relay processor exists and its token stays untouched, so turning the relay on later publishes the
 * whole history from the first event.
 */
@Configuration(proxyBeanMethods = false)
public class NatsRelayConfiguration {

    @Bean(destroyMethod = "close")
    public LedgerStream ledgerStream(RelaySettings settings) {
        return new LedgerStream(settings);
    }

    @Bean
    public NatsRelay natsRelay(LedgerStream stream, MeterRegistry meters,
                               ObjectProvider<ObservationRegistry> observations) {
        return new NatsRelay(stream, meters, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    @Bean
    public RelayReplay relayReplay(org.axonframework.eventsourcing.eventstore.EventStore eventStore, NatsRelay relay) {
        return new RelayReplay(eventStore, relay);
    }

    /**
     * One thread, one segment: the stream receives events in store order, so each SKU's events arrive in the order
     * of their sequence numbers. Errors propagate, so a failed publish is never skipped: the processor backs off
     * (1 s doubling to 60 s) and retries from its last token.
     */
    @Bean
    public ConfigurerModule natsRelayProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(NatsRelay.PROCESSING_GROUP,
                        config -> config.eventStore(),
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100))
                .registerListenerInvocationErrorHandler(NatsRelay.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
