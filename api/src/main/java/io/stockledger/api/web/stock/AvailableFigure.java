package io.stockledger.api.web.stock;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * How the OpenAPI document describes the {@code available} of a SKU's current balance, stated once for every answer
 * that reports the figures of {@code GET /v1/stock/{product_id}/{warehouse_id}}, so that they read the same
 * wherever they appear; a Jackson annotation bundle, so the model reader sees the {@code @Schema} as if it stood on
 * the field.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@Schema(requiredMode = REQUIRED, description = "`on_hand` minus `reserved` minus `blocked`.", example = "80")
public @interface AvailableFigure {
}
