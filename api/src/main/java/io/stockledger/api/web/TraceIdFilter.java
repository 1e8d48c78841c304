package io.stockledger.api.web;

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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives every request a trace id: the caller's {@code X-Trace-ID} when it is a sane token; else the trace id of a
 * W3C {@code traceparent} header, so the ledger's records join the caller's distributed trace; else a new UUID.
 * It is echoed in the response, put in the log context ({@code trace_id}), and recorded in every event the request
 * causes (and so in every message the relay publishes).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Trace-ID";
    private static final String ATTRIBUTE = TraceIdFilter.class.getName();
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String offered = request.getHeader(HEADER);
        String traceId = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered
                : w3cTraceIdOf(request.getHeader("traceparent"));
        request.setAttribute(ATTRIBUTE, traceId);
        response.setHeader(HEADER, traceId);
        MDC.put("trace_id", traceId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("trace_id");
        }
    }

    /** {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}; a new UUID when absent or malformed. */
    static String w3cTraceIdOf(String traceparent) {
        if (traceparent != null) {
            Matcher parts = TRACEPARENT.matcher(traceparent.trim());
            if (parts.matches() && !parts.group(1).equals("0".repeat(32))) {
                return parts.group(1);
            }
        }
        return UUID.randomUUID().toString();
    }

    public static String traceIdOf(HttpServletRequest request) {
        Object traceId = request.getAttribute(ATTRIBUTE);
        return traceId != null ? traceId.toString() : UUID.randomUUID().toString();
    }
}
