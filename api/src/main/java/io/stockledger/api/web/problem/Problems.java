package io.stockledger.api.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.metrics.OperationMetricsFilter;
import io.stockledger.api.web.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
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
            setInstance(problem, request.getRequestURI());
            problem.setProperty("trace_id", TraceIdFilter.traceIdOf(request));
        }
    }

    /**
     * The problem's {@code instance}: the request's path as the client sent it. A path that is no valid URI reference
     * (the container lets some through) is left out rather than failing the error answer itself.
     */
    static void setInstance(ProblemDetail problem, String path) {
        try {
            problem.setInstance(URI.create(path));
        } catch (IllegalArgumentException notAUri) {
            problem.setInstance(null);
        }
    }

    /** 401 {@code UNAUTHENTICATED}: no usable bearer token, and why. */
    static ProblemDetail unauthenticated(String detail, HttpServletRequest request) {
        return of(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Unauthenticated", detail, request);
    }

    /** 403 {@code FORBIDDEN}: a valid token without the permission named in {@code required_permission}. */
    static ProblemDetail forbidden(String permission, HttpServletRequest request) {
        ProblemDetail problem = of(HttpStatus.FORBIDDEN, "FORBIDDEN", "Forbidden",
                "this endpoint needs the permission " + permission, request);
        problem.setProperty("required_permission", permission);
        return problem;
    }

    /** Writes a problem where no controller advice can: from a servlet filter. */
    public static void write(ProblemDetail problem, HttpServletResponse response, ObjectMapper json) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
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
