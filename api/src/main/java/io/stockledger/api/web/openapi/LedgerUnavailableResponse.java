package io.stockledger.api.web.openapi;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The 503 of the controllers whose every write is idempotent by key, stated once: the documented promise that a
 * retry of the same request is safe must read the same wherever it is given.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "503", description = """
        `LEDGER_UNAVAILABLE`: the ledger could not answer in time (e.g. the database is down); retrying the same \
        request (with the same idempotency key) is safe.""")
public @interface LedgerUnavailableResponse {
}
