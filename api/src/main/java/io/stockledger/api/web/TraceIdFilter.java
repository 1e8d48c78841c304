package io.stockledger.api.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request its trace id: the caller's {@code X-Trace-ID} when it is a sane token, else the W3C trace id of
 * the request's span, so the ledger's records join the distributed trace (the span continues the caller's
 * {@code traceparent}, when it sent one). It is echoed in {@code X-Trace-ID}, put in the log context
 * ({@code trace_id}), and recorded in every event the request causes (and so in every message the relay publishes).
 * The response also carries the request span's W3C context ({@code traceparent}, {@code tracestate}).
 *
 * <p>Runs right after Spring Boot's {@code ServerHttpObservationFilter} ({@code HIGHEST_PRECEDENCE + 1}), which
 * starts the request's span from the incoming {@code traceparent}, and before everything else.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class TraceIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Trace-ID";
    private static final String ATTRIBUTE = TraceIdFilter.class.getName();
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** What the response carries of the propagated context: the trace context, not the baggage. */
    private static final Set<String> RESPONSE_HEADERS = Set.of("traceparent", "tracestate");

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceIdFilter(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Span span = tracer.currentSpan();
        String offered = request.getHeader(HEADER);
        String traceId = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : traceIdOf(span);
        if (span != null) {
            propagator.inject(span.context(), response, (carrier, key, value) -> {
                if (RESPONSE_HEADERS.contains(key)) {
                    carrier.setHeader(key, value);
                }
            });
        }
        request.setAttribute(ATTRIBUTE, traceId);
        response.setHeader(HEADER, traceId);
        MDC.put("trace_id", traceId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("trace_id");
        }
    }

    /** The span's W3C trace id; a new UUID when there is no span (tracing switched off). */
    static String traceIdOf(Span span) {
        String traceId = span == null ? null : span.context().traceId();
        return traceId == null || traceId.isBlank() ? UUID.randomUUID().toString() : traceId;
    }

    public static String traceIdOf(HttpServletRequest request) {
        Object traceId = request.getAttribute(ATTRIBUTE);
        return traceId != null ? traceId.toString() : UUID.randomUUID().toString();
    }
}
