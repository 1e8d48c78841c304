package io.stockledger.api.tracing;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot's OpenTelemetry and OTLP auto-configuration with the service's endpoint configuration: the exporter
 * exists exactly when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set, and sends where the OpenTelemetry specification
 * says. Creating an exporter connects to nothing, so no collector is needed.
 */
class OtlpEndpointConfigurationTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenTelemetryAutoConfiguration.class,
                    OpenTelemetryTracingAutoConfiguration.class, OtlpTracingAutoConfiguration.class))
            .withUserConfiguration(OtlpEndpointConfiguration.class);

    @Test
    void unsetMeansNoExporter() {
        service.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(OtlpHttpSpanExporter.class);
            assertThat(context).doesNotHaveBean(OtlpGrpcSpanExporter.class);
        });
    }

    @Test
    void blankMeansNoExporterToo() {
        service.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT= ").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(OtlpHttpSpanExporter.class);
        });
    }

    @Test
    void setItExportsOverHttpToTheTracesPathOfThatBaseUrl() {
        service.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=http://collector.example:4318/").run(context ->
                assertThat(context.getBean(OtlpHttpSpanExporter.class).toString())
                        .contains("endpoint=http://collector.example:4318/v1/traces"));
    }

    @Test
    void overGrpcTheEndpointIsTakenAsItIs() {
        service.withPropertyValues("OTEL_EXPORTER_OTLP_ENDPOINT=http://collector.example:4317",
                "management.otlp.tracing.transport=grpc").run(context -> {
            assertThat(context).doesNotHaveBean(OtlpHttpSpanExporter.class);
            assertThat(context.getBean(OtlpGrpcSpanExporter.class).toString())
                    .contains("endpoint=http://collector.example:4317");
        });
    }
}
