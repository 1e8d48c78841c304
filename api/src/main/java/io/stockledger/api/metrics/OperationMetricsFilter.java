package io.stockledger.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed's business metrics for the ledger's operations: {@code inventory_reservation_duration_seconds} by
 * operation (a histogram, so p95/p99 can be computed across instances), and
 * {@code inventory_reservation_attempts_total} by result for reservations. It runs in front of Spring Security's
 * filter, so requests refused there (401, 403) are counted and timed too.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER - 1)
public class OperationMetricsFilter extends OncePerRequestFilter {

    /** Set by the problem responses: the problem's code, so a result can be told apart beyond its status. */
    public static final String PROBLEM_CODE = OperationMetricsFilter.class.getName() + ".problemCode";

    private static final Set<String> OPERATIONS = Set.of("reserve", "confirm", "release", "receive", "adjust");
    private static final Duration[] SLO_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(120), Duration.ofMillis(200),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();

    public OperationMetricsFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !OPERATIONS.contains(operationOf(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String operation = operationOf(request);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            timerOf(operation).record(Duration.ofNanos(System.nanoTime() - start));
            if ("reserve".equals(operation)) {
                attemptsOf(resultOf(response.getStatus(), (String) request.getAttribute(PROBLEM_CODE))).increment();
            }
        }
    }

    static String resultOf(int status, String problemCode) {
        if (status >= 200 && status < 300) {
            return "success";
        }
        if ("INSUFFICIENT_STOCK".equals(problemCode)) {
            return "insufficient_stock";
        }
        return switch (status) {
            case 400, 422 -> "validation";
            case 401, 403 -> "unauthorized";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 503 -> "unavailable";
            default -> status >= 500 ? "error" : "rejected";
        };
    }

    private static String operationOf(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/v1/") ? path.substring(4) : "";
    }

    private Timer timerOf(String operation) {
        return timers.computeIfAbsent(operation, name -> Timer.builder("inventory.reservation.duration")
                .description("Time to answer a ledger operation over HTTP")
                .tag("operation", name)
                .serviceLevelObjectives(SLO_BUCKETS)
                .publishPercentileHistogram(false)
                .register(registry));
    }

    private Counter attemptsOf(String result) {
        return attempts.computeIfAbsent(result, name -> Counter.builder("inventory.reservation.attempts")
                .description("Reservation requests by outcome")
                .tag("result", name)
                .register(registry));
    }
}
