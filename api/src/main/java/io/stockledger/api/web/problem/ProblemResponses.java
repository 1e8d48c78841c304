package io.stockledger.api.web.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.stockledger.api.ledger.LedgerUnavailableException;
import io.stockledger.audit.job.AuditJobs;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.OrderShortageException;
import io.stockledger.command.fault.DatabaseFaults;
import io.stockledger.command.fault.LedgerFault;
import io.stockledger.command.fault.LedgerFaultException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every error leaves as {@code application/problem+json} with a stable {@code code}: 400 for a body that is not
 * JSON or has a field of the wrong type or an unknown field, 403 when a handler finds a permission missing, 404 for
 * unknown ids, 409 for what the ledger refuses, 422 for values out of range (with the offending fields), 503 for a
 * fault: {@code LEDGER_UNAVAILABLE} when nothing was written (database out of reach, overload, deadline passed) and
 * {@code OUTCOME_UNKNOWN} when the connection was lost while committing. A 500 means a bug in this service, never a client's mistake. (401, and the 403 of an
 * endpoint's own permission, come from the security chain before MVC, as the same documents.)
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final SecurityChainProblems securityChain;
    private final FaultAnswers faults;

    ProblemResponses(SecurityChainProblems securityChain, FaultAnswers faults) {
        this.securityChain = securityChain;
        this.faults = faults;
    }

    @ExceptionHandler(LedgerRefusal.class)
    ResponseEntity<ProblemDetail> refused(LedgerRefusal refusal, HttpServletRequest request) {
        HttpStatus status = switch (refusal.category()) {
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        ProblemDetail problem = Problems.of(status, refusal.code(), titleOf(refusal.code()), refusal.getMessage(),
                request);
        if (refusal instanceof InsufficientStockException shortage) {
            problem.setProperty("requested", shortage.requested());
            problem.setProperty("available", shortage.available());
        }
        if (refusal instanceof OrderShortageException shortage) {
            problem.setProperty("shortages", shortage.shortages().stream().map(line -> {
                Map<String, Object> shown = new LinkedHashMap<>();
                shown.put("line_id", line.lineId());
                shown.put("product_id", line.productId());
                shown.put("requested", line.requested());
                shown.put("available", line.available());
                return shown;
            }).toList());
        }
        if (refusal instanceof IdempotencyKeyReusedException reused) {
            Problems.withErrors(problem, List.of(new Problems.FieldError("idempotency_key",
                    "was already used for a different request")));
            problem.setProperty("idempotency_key", reused.idempotencyKey());
        }
        return ResponseEntity.status(status).body(problem);
    }

    /**
     * A handler refusing a caller itself (e.g. {@code as_of} without {@code audit:read}): the same 403 document as the
     * security chain's. Caught here, or the catch-all below would make it a 500.
     */
    @ExceptionHandler(AccessDeniedException.class)
    void forbidden(AccessDeniedException denied, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        securityChain.handle(request, response, denied);
    }

    /**
     * Spring Security's firewall checks most header values only when something reads them (a locale, a forwarded
     * header, an origin), so its refusal can come from inside a handler: the same 400 as its refusals up front.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException rejected, HttpServletRequest request) {
        return ResponseEntity.badRequest().body(SecurityChainProblems.malformed(request));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException invalid, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "VALIDATION_FAILED",
                "Validation failed", invalid.getMessage(), request);
        Problems.withErrors(problem, List.of(new Problems.FieldError(invalid.parameter(), invalid.reason())));
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    /** A fault, not a decision: 503 {@code LEDGER_UNAVAILABLE} or {@code OUTCOME_UNKNOWN} ({@link FaultAnswers}). */
    @ExceptionHandler(LedgerFaultException.class)
    ResponseEntity<ProblemDetail> fault(LedgerFaultException fault, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(FaultAnswers.retryAfterSeconds(fault)))
                .body(faults.problem(fault, request));
    }

    @ExceptionHandler(AuditJobs.NoFreeSlot.class)
    ResponseEntity<ProblemDetail> noAuditJobSlot(AuditJobs.NoFreeSlot busy, HttpServletRequest request) {
        return fault(new LedgerUnavailableException(LedgerUnavailableException.BUSY, busy.getMessage(), busy),
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure, HttpServletRequest request) {
        // a controller's own database access (the read models, the audit): classified like the commands' faults
        Optional<LedgerFault> fault = DatabaseFaults.classify(failure);
        if (fault.isPresent()) {
            return fault(fault.get() == LedgerFault.OUTCOME_UNKNOWN
                    ? new LedgerFaultException(LedgerFault.OUTCOME_UNKNOWN, "COMMIT_INTERRUPTED",
                    "the connection to the database was lost while committing", failure)
                    : new LedgerUnavailableException("the database could not be reached: " + failure.getMessage(),
                    failure), request);
        }
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), failure);
        ProblemDetail problem = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error",
                "An unexpected error occurred; the trace id identifies it in the service's logs.", request);
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Problems.FieldError> errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> new Problems.FieldError(Problems.snakeCase(error.getField()),
                        error.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(Problems.FieldError::field))
                .toList();
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "VALIDATION_FAILED",
                "Validation failed", errors.stream().map(e -> e.field() + " " + e.reason())
                        .collect(Collectors.joining("; ")), servletRequest(request));
        return ResponseEntity.unprocessableEntity().body(Problems.withErrors(problem, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        HttpServletRequest servlet = servletRequest(request);
        Throwable cause = unreadable.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "UNKNOWN_FIELD", "Unknown field",
                    "the request has a field this endpoint does not accept: " + pathOf(unknown), servlet);
            return ResponseEntity.badRequest().body(Problems.withErrors(problem,
                    List.of(new Problems.FieldError(pathOf(unknown), "is not a field of this request"))));
        }
        if (cause instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "VALIDATION_FAILED",
                    "Validation failed", pathOf(format) + " must be one of " + allowed, servlet);
            return ResponseEntity.unprocessableEntity().body(Problems.withErrors(problem,
                    List.of(new Problems.FieldError(pathOf(format), "must be one of " + allowed))));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String expected = mismatch.getTargetType() == null ? "another type"
                    : mismatch.getTargetType().getSimpleName().toLowerCase(java.util.Locale.ROOT);
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "INVALID_TYPE", "Wrong type",
                    pathOf(mismatch) + " has the wrong type; expected " + expected, servlet);
            return ResponseEntity.badRequest().body(Problems.withErrors(problem,
                    List.of(new Problems.FieldError(pathOf(mismatch), "must be of type " + expected))));
        }
        String detail = cause instanceof JsonProcessingException json ? json.getOriginalMessage()
                : "the request body is missing or is not JSON";
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "Malformed request", detail, servlet));
    }

    /**
     * No handler for the path: Spring answers "No static resource v1/foo." as if the service served files; the
     * client asked for an endpoint, so the answer names the method and path it sent.
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException missing,
                                                                    HttpHeaders headers, HttpStatusCode status,
                                                                    WebRequest request) {
        HttpServletRequest servlet = servletRequest(request);
        String endpoint = servlet == null ? missing.getHttpMethod() + " /" + missing.getResourcePath()
                : servlet.getMethod() + " " + servlet.getRequestURI();
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found",
                "no such endpoint: " + endpoint, servlet);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    /** Spring MVC's own problems (404 no such path, 405, 415, ...) get our code and trace id too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            Problems.describe(problem, codeOf(status), servletRequest(request));
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static String codeOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "HTTP_" + status.value() : known.name();
    }

    private static String titleOf(String code) {
        String words = code.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String pathOf(JsonMappingException mapping) {
        // "lines[0].line_id", as Bean Validation's errors name the same field
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest() : null;
    }
}
