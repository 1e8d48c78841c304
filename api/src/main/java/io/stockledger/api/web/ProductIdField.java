package io.stockledger.api.web;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the OpenAPI document describes the {@code product_id} of a request body, stated once; a Jackson annotation
 * bundle, so the model reader sees the {@code @Schema} as if it stood on the field. Validated by {@link RequiredUuid}.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@Schema(format = "uuid", description = "Product identifier.", example = "0b5c9a3e-9d2f-4c47-a1c4-6f0d7f1b2c3d")
public @interface ProductIdField {
}
