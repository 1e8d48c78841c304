package io.stockledger.api.web.audit;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the OpenAPI document describes the {@code trace_id} of a recorded event, stated once for every audit answer that
 * shows one (a ledger's history, the movement journal); a Jackson annotation bundle, so the model reader sees the
 * {@code @Schema} as if it stood on the field.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@Schema(description = "The trace id of the request that caused it.")
@interface CausingTraceId {
}
