package io.stockledger.api.relay;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockledger.api.metrics.ProcessorLag;
import io.stockledger.query.relay.LedgerStream;
import io.stockledger.query.relay.NatsRelay;
import io.stockledger.query.relay.NatsRelayConfiguration;
import io.stockledger.query.relay.RelaySettings;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Duration;

/** Turns the NATS relay on when {@code NATS_URL} is set, with its health and its lag metric. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${ledger.relay.nats-url:}'.isBlank()")
@Import(NatsRelayConfiguration.class)
public class RelayActivation {

    @Bean
    public RelaySettings relaySettings(@Value("${ledger.relay.nats-url}") String natsUrl,
                                       @Value("${ledger.relay.stream-name:INVENTORY}") String streamName,
                                       @Value("${ledger.relay.max-age:7d}") Duration maxAge,
                                       @Value("${ledger.relay.duplicate-window:10m}") Duration duplicateWindow,
                                       @Value("${ledger.relay.source:urn:stock-ledger}") String source,
                                       @Value("${ledger.relay.publish-timeout:5s}") Duration publishTimeout,
                                       @Value("${ledger.relay.replicas:1}") int replicas) {
        return new RelaySettings(natsUrl, streamName, maxAge, duplicateWindow, source, publishTimeout, replicas);
    }

    @Bean
    public ProcessorLag relayLag(EventStore eventStore, EventProcessingConfiguration processing, MeterRegistry meters) {
        ProcessorLag lag = new ProcessorLag(eventStore, processing, NatsRelay.PROCESSING_GROUP).registerGauge(meters);
        Gauge.builder("inventory.relay.lag", lag, ProcessorLag::eventsBehind)
                .description("Events in the store not yet acknowledged by JetStream")
                .register(meters);
        return lag;
    }

    @Bean
    public NatsRelayHealthIndicator natsRelayHealthIndicator(LedgerStream stream, @Qualifier("relayLag") ProcessorLag lag) {
        return new NatsRelayHealthIndicator(stream, lag);
    }
}
