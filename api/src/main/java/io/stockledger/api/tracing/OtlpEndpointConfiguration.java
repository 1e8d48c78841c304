package io.stockledger.api.tracing;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.Transport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spans go to an OpenTelemetry collector only when the standard {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set. Spring
 * Boot creates its OTLP span exporter only when it has connection details, and this is the one place they come from
 * (or from {@code management.otlp.tracing.endpoint}, Boot's own property, when that is set instead): unset, there is
 * no exporter and nothing ever tries to connect.
 *
 * <p>As the OpenTelemetry specification has it, the variable is the collector's base URL: over HTTP (Boot's default
 * transport) the spans go to {@code <endpoint>/v1/traces}, over gRPC
 * ({@code MANAGEMENT_OTLP_TRACING_TRANSPORT=grpc}) to the endpoint itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${OTEL_EXPORTER_OTLP_ENDPOINT:}'.isBlank()")
public class OtlpEndpointConfiguration {

    @Bean
    public OtlpTracingConnectionDetails otlpTracingConnectionDetails(
            @Value("${OTEL_EXPORTER_OTLP_ENDPOINT}") String endpoint) {
        String base = endpoint.strip().replaceAll("/+$", "");
        return transport -> transport == Transport.HTTP ? base + "/v1/traces" : base;
    }
}
