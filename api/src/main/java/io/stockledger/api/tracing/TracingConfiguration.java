package io.stockledger.api.tracing;

import io.opentelemetry.api.OpenTelemetry;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.tracing.SpanFactory;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's spans (command dispatch and handling, the aggregate's load, event publication, each event processor's
 * handling) on the same OpenTelemetry SDK as Spring Boot's HTTP spans and the service's own observations, so they
 * share traces, sampling and the exporter. Axon's own auto-configuration would use {@code GlobalOpenTelemetry}, which
 * Spring Boot never sets: its spans would go nowhere.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    @Bean
    public SpanFactory spanFactory(OpenTelemetry openTelemetry) {
        return new RecordedContextSpanFactory(OpenTelemetrySpanFactory.builder()
                .tracer(openTelemetry.getTracer("AxonFramework-OpenTelemetry"))
                .contextPropagators(openTelemetry.getPropagators().getTextMapPropagator()));
    }

    /** Copies a command's trace context into the metadata of every event it causes, as actor and trace id are. */
    @Bean
    public CorrelationDataProvider traceContextCorrelation() {
        return new SimpleCorrelationDataProvider(TraceContextMetadata.TRACEPARENT, TraceContextMetadata.TRACESTATE);
    }
}
