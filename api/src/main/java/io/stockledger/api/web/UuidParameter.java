package io.stockledger.api.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.core.annotation.AliasFor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How the OpenAPI document describes an id path or query parameter whose description is particular to its endpoint
 * (the usual {@code product_id} and {@code warehouse_id} have {@link ProductIdParameter} and
 * {@link WarehouseIdParameter}): a string in the shape of a UUID. The value is checked by {@link PathIds} or
 * {@code AuditParameters}, since a malformed id must be a 422 naming the parameter.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Parameter(schema = @Schema(type = "string", format = "uuid", pattern = Uuids.PATTERN))
public @interface UuidParameter {

    /** The parameter's description. */
    @AliasFor(annotation = Parameter.class, attribute = "description")
    String value();
}
