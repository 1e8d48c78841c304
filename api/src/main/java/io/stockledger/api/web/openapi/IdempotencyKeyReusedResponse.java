package io.stockledger.api.web.openapi;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The 422 of a write to one ledger whose idempotency key the ledger refuses, stated once for the endpoints that have
 * nothing of their own to add to it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "422", description = """
        `IDEMPOTENCY_KEY_REUSED`: the key was already used for a different request, or for another product or \
        warehouse, or so long ago that the ledger no longer remembers its answer.""")
public @interface IdempotencyKeyReusedResponse {
}
