package io.stockledger.api.web;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The {@code warehouse_id} of a request body acting in one warehouse, described once like {@link ProductIdField}. */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@Schema(format = "uuid", description = "Warehouse identifier.", example = "5f3e2d1c-0b9a-4f8e-8d7c-6b5a4f3e2d1c")
public @interface WarehouseIdField {
}
