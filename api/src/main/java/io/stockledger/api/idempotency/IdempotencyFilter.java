package io.stockledger.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stockledger.api.ledger.LedgerUnavailableException;
import io.stockledger.api.security.Caller;
import io.stockledger.api.web.problem.FaultAnswers;
import io.stockledger.api.web.problem.Problems;
import io.stockledger.command.fault.DatabaseFaults;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header on every mutating /v1 request. The first request with a key stores a
 * fingerprint of the request (method, path, canonical JSON body, caller) and, once it has its final response, that
 * response for 24 hours. A repeat with the same fingerprint gets the stored response back (same status and body,
 * header {@code Idempotent-Replayed: true}) and nothing runs; with another fingerprint it is a 422; while the first
 * is still running it is a 409. Responses that are not final (5xx) and authorisation failures are not stored, so a
 * retry runs again.
 *
 * <p>It runs behind Spring Security's filter chain and takes the caller from the security context: by then the token
 * has been verified and the endpoint's permission checked, so what is remembered is always an authorised request's.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern ACCEPTABLE_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final int STORE_ATTEMPTS = 5;

    private final IdempotencyStore store;
    private final FaultAnswers faults;
    private final ObjectMapper json;
    private final ObjectMapper canonical;
    private final Duration retention;
    private final Duration lease;

    public IdempotencyFilter(IdempotencyStore store, FaultAnswers faults, ObjectMapper json, Duration retention,
                             Duration lease) {
        this.store = store;
        this.faults = faults;
        this.json = json;
        this.canonical = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        this.retention = retention;
        this.lease = lease;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !request.getRequestURI().startsWith("/v1/")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!ACCEPTABLE_KEY.matcher(key).matches()) {
            writeProblem(response, Problems.withErrors(Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "VALIDATION_FAILED",
                    "Validation failed", HEADER + " must be 1 to 255 visible ASCII characters", request),
                    List.of(new Problems.FieldError(HEADER, "must be 1 to 255 visible ASCII characters"))));
            return;
        }
        BufferedBodyRequest buffered = new BufferedBodyRequest(request);
        JsonNode body = parse(buffered.body());
        if (body != null && body.hasNonNull("idempotency_key") && !key.equals(body.get("idempotency_key").asText())) {
            writeProblem(response, Problems.withErrors(Problems.of(HttpStatus.UNPROCESSABLE_ENTITY,
                            "IDEMPOTENCY_KEY_MISMATCH", "Idempotency key mismatch",
                            "the Idempotency-Key header and the body's idempotency_key differ", request),
                    List.of(new Problems.FieldError("idempotency_key", "must equal the Idempotency-Key header"))));
            return;
        }
        Optional<Caller> caller = Caller.current();
        if (caller.isEmpty()) {
            chain.doFilter(buffered, response); // not a verified caller's request: nothing to remember it by
            return;
        }
        String fingerprint = fingerprint(request, buffered.body(), body, caller.get());
        Optional<StoredRequest> earlier;
        try {
            earlier = store.claim(key, fingerprint, lease);
        } catch (RuntimeException storeFailed) {
            if (!DatabaseFaults.isUnavailable(storeFailed)) {
                throw storeFailed;
            }
            // nothing ran: the same 503 as the ledger's own when its database is out of reach. The claim itself may
            // have been written before its connection was lost; left, it would refuse every retry as in flight until
            // its lease ends
            release(key, fingerprint);
            LedgerUnavailableException fault = new LedgerUnavailableException(
                    "the idempotency store could not be reached: " + storeFailed.getMessage(), storeFailed);
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(FaultAnswers.retryAfterSeconds(fault)));
            writeProblem(response, faults.problem(fault, request));
            return;
        }
        if (earlier.isPresent()) {
            answerFromMemory(request, response, earlier.get(), fingerprint);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(buffered, captured);
        } catch (IOException | ServletException | RuntimeException failed) {
            release(key, fingerprint);
            throw failed;
        }
        int status = captured.getStatus();
        if (status >= 500 || status == 401 || status == 403) {
            // a 503 (unavailable, outcome unknown) is no final answer: the retry must run again
            release(key, fingerprint);
        } else {
            StoredRequest completed = StoredRequest.completed(fingerprint, status, captured.getContentType(),
                    captured.getContentAsByteArray());
            // the answer stands even if it cannot be stored: a repeat is then 409 in flight until the claim's lease
            // ends, and then runs again and the ledger's own idempotency answers it
            persistently("store the response for", key, () -> store.complete(key, completed, retention));
        }
        captured.copyBodyToResponse();
    }

    /** Gives the key up; if the store cannot be reached the claim's lease ends it instead. */
    private void release(String key, String fingerprint) {
        persistently("release", key, () -> store.release(key, fingerprint));
    }

    /**
     * Again after a failure, a few times: each pooled connection the database dropped fails once and is then evicted,
     * and the pool may hold several. Otherwise the key would stay claimed, and its retries refused as in flight, until
     * the lease ends.
     */
    private static void persistently(String what, String key, Runnable storeOperation) {
        for (int attempt = 1; ; attempt++) {
            try {
                storeOperation.run();
                return;
            } catch (RuntimeException storeFailed) {
                if (attempt == STORE_ATTEMPTS) {
                    log.warn("could not {} Idempotency-Key {}: {}", what, key, storeFailed.getMessage());
                    return;
                }
            }
        }
    }


    private void answerFromMemory(HttpServletRequest request, HttpServletResponse response, StoredRequest earlier,
                                  String fingerprint) throws IOException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            writeProblem(response, Problems.withErrors(Problems.of(HttpStatus.UNPROCESSABLE_ENTITY,
                            "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
                            "this Idempotency-Key was already used for a different request", request),
                    List.of(new Problems.FieldError(HEADER, "was already used for a different request"))));
            return;
        }
        if (earlier.state() == StoredRequest.State.IN_FLIGHT) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            writeProblem(response, Problems.of(HttpStatus.CONFLICT, "IDEMPOTENT_REQUEST_IN_FLIGHT",
                    "Request in flight", "the first request with this Idempotency-Key is still running; retry shortly",
                    request));
            return;
        }
        response.setStatus(earlier.status());
        if (earlier.contentType() != null) {
            response.setContentType(earlier.contentType());
        }
        response.setHeader(REPLAYED, "true");
        if (earlier.body() != null) {
            response.getOutputStream().write(earlier.body());
        }
    }

    private String fingerprint(HttpServletRequest request, byte[] raw, JsonNode body, Caller caller) {
        byte[] canonicalBody;
        try {
            canonicalBody = body == null ? raw : canonical.writeValueAsBytes(canonical.treeToValue(body, Object.class));
        } catch (JsonProcessingException e) {
            canonicalBody = raw;
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((request.getMethod() + "\n" + request.getRequestURI() + "\n" + caller.subject() + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha256.update(canonicalBody);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : json.readTree(body);
        } catch (IOException notJson) {
            return null; // the controller answers 400; the fingerprint uses the raw bytes
        }
    }

    private void writeProblem(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
