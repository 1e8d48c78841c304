package io.stockledger.api.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.tracing.opentelemetry.OpenTelemetrySpanFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Internal spans (Axon wraps every handler method in one) only inside a recorded span, on a real OpenTelemetry SDK
 * that samples everything, so any span made is exported.
 */
class RecordedContextSpanFactoryTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.alwaysOn())
                    .addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .build();
    private final Tracer tracer = sdk.getTracer("test");
    private final RecordedContextSpanFactory spans = new RecordedContextSpanFactory(OpenTelemetrySpanFactory.builder()
            .tracer(tracer).contextPropagators(TextMapPropagator.noop()));

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    @Test
    void withNoSpanAroundAnInternalSpanIsNotMadeRatherThanStartingATraceOfItsOwn() {
        spans.createInternalSpan(() -> "Projection.on(Event)").run(() -> { });
        spans.createInternalSpan(() -> "Projection.on", GenericEventMessage.asEventMessage("event"))
                .run(() -> { });

        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void insideARecordedSpanAnInternalSpanIsItsChild() {
        Span processing = tracer.spanBuilder("EventProcessor.process").startSpan();
        try (Scope ignored = processing.makeCurrent()) {
            spans.createInternalSpan(() -> "Projection.on(Event)").run(() -> { });
            spans.createInternalSpan(() -> "Relay.on", GenericEventMessage.asEventMessage("event")).run(() -> { });
        } finally {
            processing.end();
        }

        String parent = processing.getSpanContext().getSpanId();
        List<SpanData> inside = exported.getFinishedSpanItems().stream()
                .filter(span -> !span.getName().equals("EventProcessor.process")).toList();
        assertThat(inside).extracting(SpanData::getName).containsExactly("Projection.on(Event)", "Relay.on(String)");
        assertThat(inside).allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(parent));
    }

    @Test
    void insideASpanThatIsNotRecordedNoInternalSpanIsMade() {
        SpanContext unsampled = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getDefault(), TraceState.getDefault());
        try (Scope ignored = Span.wrap(unsampled).makeCurrent()) {
            spans.createInternalSpan(() -> "Projection.on(Event)").run(() -> { });
        }

        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }
}
