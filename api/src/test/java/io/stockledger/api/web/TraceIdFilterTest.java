package io.stockledger.api.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter with a real OpenTelemetry tracer, and the span Spring Boot's observation filter would have started. */
class TraceIdFilterTest {

    private final SdkTracerProvider provider = SdkTracerProvider.builder().build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
    private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { });
    private final TraceIdFilter filter = new TraceIdFilter(tracer,
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Test
    void withoutItsOwnTraceIdARequestGetsItsSpansTraceIdAndItsContextBack() throws Exception {
        Span span = tracer.nextSpan().name("request").start();
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> logged = new AtomicReference<>();

        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            filter.doFilter(new MockHttpServletRequest("POST", "/v1/receive"), response,
                    (request, answer) -> logged.set(MDC.get("trace_id")));
        } finally {
            span.end();
        }

        String traceId = span.context().traceId();
        assertThat(response.getHeader(TraceIdFilter.HEADER)).isEqualTo(traceId);
        assertThat(response.getHeader("traceparent"))
                .isEqualTo("00-" + traceId + "-" + span.context().spanId() + "-01");
        assertThat(logged.get()).as("the log context during the request").isEqualTo(traceId);
        assertThat(MDC.get("trace_id")).as("and not after it").isNull();
    }

    /** The request through the filter inside {@code span}, as the observation filter would run it. */
    private MockHttpServletResponse filteredInSpan(Span span, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
            filter.doFilter(request, response, new MockFilterChain());
        } finally {
            span.end();
        }
        return response;
    }

    private static MockHttpServletRequest receiveWithTraceId(String traceId) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/receive");
        request.addHeader(TraceIdFilter.HEADER, traceId);
        return request;
    }

    @Test
    void aSaneXTraceIdOfTheCallersIsKeptAndTheW3cContextStillReturned() throws Exception {
        Span span = tracer.nextSpan().name("request").start();
        MockHttpServletRequest request = receiveWithTraceId("order-4711:retry.2");

        MockHttpServletResponse response = filteredInSpan(span, request);

        assertThat(response.getHeader(TraceIdFilter.HEADER)).isEqualTo("order-4711:retry.2");
        assertThat(TraceIdFilter.traceIdOf(request)).isEqualTo("order-4711:retry.2");
        assertThat(response.getHeader("traceparent")).startsWith("00-" + span.context().traceId() + "-");
    }

    @Test
    void anInsaneXTraceIdIsReplacedByTheSpansTraceId() throws Exception {
        Span span = tracer.nextSpan().name("request").start();

        MockHttpServletResponse response = filteredInSpan(span, receiveWithTraceId("no spaces <or> markup, please"));

        assertThat(response.getHeader(TraceIdFilter.HEADER)).isEqualTo(span.context().traceId());
    }

    @Test
    void withoutASpanThereIsAFreshIdAndNoTraceparent() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(new MockHttpServletRequest("GET", "/v1/stock"), response, new MockFilterChain());

        assertThat(response.getHeader(TraceIdFilter.HEADER)).hasSize(36);
        assertThat(response.getHeader("traceparent")).isNull();
    }
}
