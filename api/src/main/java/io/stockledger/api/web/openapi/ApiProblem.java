package io.stockledger.api.web.openapi;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * The shape of every error this service answers with, for the OpenAPI document only: Spring's {@code ProblemDetail}
 * (RFC 9457) as {@code io.stockledger.api.web.problem.ProblemResponses} fills it. Never instantiated; the property
 * names become snake_case through the application's ObjectMapper, exactly as the real JSON.
 */
@Schema(name = "Problem", description = """
        An RFC 9457 problem document (`application/problem+json`). `code` is the stable, machine-readable reason; \
        the HTTP status, `title` and `detail` are for people. Properties beyond those listed here may be added \
        later: clients must ignore what they do not know.""")
record ApiProblem(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "uri",
                description = "A URN derived from `code`.", example = "urn:stock-ledger:problem:insufficient-stock")
        String type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Insufficient stock")
        String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The HTTP status, repeated.",
                example = "409")
        int status,
        @Schema(description = "What went wrong, for a person.", example = "requested 11 but only 10 available")
        String detail,
        @Schema(format = "uri-reference", description = "The path of the request that failed.",
                example = "/v1/reserve")
        String instance,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "INSUFFICIENT_STOCK", description = """
                Stable error code. Among others: `MALFORMED_REQUEST`, `INVALID_TYPE`, `UNKNOWN_FIELD` (400), \
                `UNAUTHENTICATED` (401), `FORBIDDEN` (403), `RESERVATION_NOT_FOUND`, `STOCK_LEDGER_NOT_FOUND`, \
                `NOT_FOUND` (404), `METHOD_NOT_ALLOWED` (405), `INSUFFICIENT_STOCK`, `RESERVATION_EXPIRED`, \
                `RESERVATION_RELEASED`, `RESERVATION_CONFIRMED`, `ADJUSTMENT_BELOW_RESERVED`, `RELAY_DISABLED`, \
                `IDEMPOTENT_REQUEST_IN_FLIGHT`, `REBUILD_IN_PROGRESS` (409), `AUDIT_JOB_NOT_FOUND` (404), `UNSUPPORTED_MEDIA_TYPE` (415), `VALIDATION_FAILED`, \
                `IDEMPOTENCY_KEY_REUSED`, `IDEMPOTENCY_KEY_MISMATCH` (422), `LEDGER_UNAVAILABLE`, `OUTCOME_UNKNOWN` (503), \
                `INTERNAL_ERROR` (500).""")
        String code,
        @Schema(description = """
                The request's trace id, as in the `X-Trace-ID` response header and in every event the request \
                caused.""", example = "3f0c8a9e-6a55-4c0e-9c1b-2f4b1f1f7f3e")
        String traceId,
        @ArraySchema(arraySchema = @Schema(description = """
                The fields (or the `Idempotency-Key` header) that failed, for `VALIDATION_FAILED`, `INVALID_TYPE`, \
                `UNKNOWN_FIELD`, `IDEMPOTENCY_KEY_REUSED` and `IDEMPOTENCY_KEY_MISMATCH`."""))
        List<FieldError> errors,
        @Schema(description = "`INSUFFICIENT_STOCK` only: the quantity asked for.", example = "11")
        Integer requested,
        @Schema(description = "`INSUFFICIENT_STOCK` only: the quantity available when the request was decided.",
                example = "10")
        Long available,
        @Schema(description = "`FORBIDDEN` only: the permission the endpoint needs.", example = "inventory:reserve")
        String requiredPermission,
        @Schema(description = "`IDEMPOTENCY_KEY_REUSED` only: the key that was reused.")
        String idempotencyKey,
        @Schema(description = "`REBUILD_IN_PROGRESS` only: the running rebuild's audit job.", format = "uuid")
        String jobId,
        @Schema(description = """
                503 only: why, e.g. `DATABASE_UNAVAILABLE`, `OVERLOADED`, `DEADLINE_EXCEEDED`, `CONTENDED`, `BUSY` \
                (`LEDGER_UNAVAILABLE`) or `COMMIT_INTERRUPTED` (`OUTCOME_UNKNOWN`).""", example = "OVERLOADED")
        String reason) {

    /** One field that failed: its snake_case name in the request (or the path parameter), and why. */
    @Schema(name = "FieldError")
    record FieldError(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "quantity") String field,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "must be less than or equal to 1000")
            String reason) {
    }
}
