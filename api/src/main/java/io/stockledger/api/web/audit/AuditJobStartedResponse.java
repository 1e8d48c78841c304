package io.stockledger.api.web.audit;

import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.core.annotation.AliasFor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The 202 of an endpoint that starts an audit job, documented once: the job as {@code AuditJob}, and where to
 * follow it in {@code Location}; only what was started is the endpoint's own.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ApiResponse(responseCode = "202", headers = @Header(name = "Location",
        description = "The job: `/v1/audit/jobs/{job_id}`.", schema = @Schema(type = "string")),
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = AuditJobResponse.class)))
@interface AuditJobStartedResponse {

    /** What was started, e.g. "The verification, started.". */
    @AliasFor(annotation = ApiResponse.class, attribute = "description")
    String value();
}
