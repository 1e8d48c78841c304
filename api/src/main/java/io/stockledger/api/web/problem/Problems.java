package io.stockledger.api.web.problem;

import io.stockledger.api.metrics.OperationMetricsFilter;
import io.stockledger.api.web.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Builds RFC 9457 problem documents in one shape: {@code type} derived from a stable {@code code}, the request path as
 * {@code instance}, the trace id, and for field-level failures an {@code errors} list of {field, reason}.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:stock-ledger:problem:";

    /** One field that failed: its snake_case name in the request, and why. */
    public record FieldError(String field, String reason) {
    }

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String title, String detail,
                            HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        describe(problem, code, request);
        return problem;
    }

    /** Adds the fields every problem of this service carries to a problem built elsewhere (e.g. by Spring MVC). */
    static void describe(ProblemDetail problem, String code, HttpServletRequest request) {
        problem.setType(URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setProperty("code", code);
        if (request != null) {
            request.setAttribute(OperationMetricsFilter.PROBLEM_CODE, code);
            problem.setInstance(URI.create(request.getRequestURI()));
            problem.setProperty("trace_id", TraceIdFilter.traceIdOf(request));
        }
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<FieldError> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Bean Validation reports Java names; the contract speaks snake_case. */
    static String snakeCase(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
