package io.stockledger.api.web;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * How the OpenAPI document describes the {@code replayed} of the answer to a request made idempotent by its key, stated
 * once for every response that carries it; a Jackson annotation bundle, so the model reader sees the {@code @Schema} as
 * if it stood on the field.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@Schema(requiredMode = REQUIRED, description = """
        `true` when this answers a repeated request (same idempotency key): nothing new was written.""")
public @interface AnsweredReplayed {
}
