package io.stockledger.api.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the OpenAPI document describes a {@code product_id} path or query parameter, stated once for every endpoint
 * that takes one. The value is checked by {@link PathIds}, since a malformed id must be a 422 naming the parameter.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(description = "Product identifier.",
        schema = @Schema(type = "string", format = "uuid", pattern = Uuids.PATTERN))
public @interface ProductIdParameter {
}
