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
import java.util.regex.Pattern;

/**
 * Gives every request a trace id: the caller's {@code X-Trace-ID} when it is a sane token, a new UUID otherwise.
 * It is echoed in the response, put in the log context, and recorded in every event the request causes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TraceIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Trace-ID";
    private static final String ATTRIBUTE = TraceIdFilter.class.getName();
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String offered = request.getHeader(HEADER);
        String traceId = offered != null && ACCEPTABLE.matcher(offered).matches()
                ? offered : UUID.randomUUID().toString();
        request.setAttribute(ATTRIBUTE, traceId);
        response.setHeader(HEADER, traceId);
        MDC.put("trace_id", traceId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("trace_id");
        }
    }

    public static String traceIdOf(HttpServletRequest request) {
        Object traceId = request.getAttribute(ATTRIBUTE);
        return traceId != null ? traceId.toString() : UUID.randomUUID().toString();
    }
}
