package io.stockledger.api.web;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the OpenAPI document describes the {@code warehouse_id} of an answer, stated once for every response that
 * carries it; a Jackson annotation bundle, so the model reader sees the {@code @Schema} as if it stood on the field.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Warehouse identifier.")
public @interface AnsweredWarehouseId {
}
