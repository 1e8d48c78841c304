package io.stockledger.api.web.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.ledger.LedgerUnavailableException;
import io.stockledger.command.fault.DatabaseFaults;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * The servlet container's error page ({@code /error}), in place of Spring Boot's whitelabel page and its JSON: what
 * reaches it (an exception escaping a filter, a {@code sendError} from the container or a library, a request Tomcat
 * refused while parsing it) leaves as the same problem document as every other error, whatever the request's
 * {@code Accept} header says. Written straight to the response, so content negotiation cannot fail here too.
 */
@Controller
record ProblemErrorController(ObjectMapper json, FaultAnswers faults) implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            return; // part of an answer has left already; nothing can be added to it
        }
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND; // /error asked for directly: no such resource
        ProblemDetail problem;
        String retryAfter = null;
        if (causedBy(failure, RequestRejectedException.class)) {
            problem = SecurityChainProblems.malformed(request);
        } else if (status.is5xxServerError() && failure != null && DatabaseFaults.isUnavailable(failure)) {
            // a filter (the Idempotency-Key store) met the database out of reach: the same 503 as from a handler
            LedgerUnavailableException fault = new LedgerUnavailableException(failure.getMessage(), failure);
            retryAfter = Integer.toString(FaultAnswers.retryAfterSeconds(fault));
            problem = faults.problem(fault, request);
        } else if (status.is5xxServerError()) {
            log.error("unexpected failure on {} {}", request.getMethod(), originalPath(request), failure);
            problem = Problems.of(status, "INTERNAL_ERROR", "Internal error",
                    "An unexpected error occurred; the trace id identifies it in the service's logs.", request);
        } else {
            problem = Problems.of(status, codeOf(status), status.getReasonPhrase(), detailOf(status), request);
        }
        Problems.setInstance(problem, originalPath(request));
        response.reset();
        if (retryAfter != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        Problems.write(problem, response, json);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String originalPath(HttpServletRequest request) {
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return path != null ? path.toString() : request.getRequestURI();
    }

    private static String codeOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "MALFORMED_REQUEST";
            case PAYLOAD_TOO_LARGE -> "REQUEST_TOO_LARGE";
            default -> status.name();
        };
    }

    private static String detailOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request could not be read: its request line, headers or body are malformed";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "the request's headers are larger than this service accepts";
            case URI_TOO_LONG -> "the request's URI is longer than this service accepts";
            case PAYLOAD_TOO_LARGE -> "the request body is larger than this service accepts";
            case NOT_FOUND -> "no such resource";
            default -> status.getReasonPhrase();
        };
    }
}
