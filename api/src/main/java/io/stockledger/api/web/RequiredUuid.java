package io.stockledger.api.web;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A required id of a request body: present, and a canonical UUID. It is both a Bean Validation constraint (its parts
 * report their own violations, so a problem's {@code errors} read as before) and a Jackson annotation bundle, so
 * that the OpenAPI model reader sees the parts as if they stood on the field (and lists the field as required).
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@NotNull
@Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE)
@Constraint(validatedBy = {})
public @interface RequiredUuid {

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
