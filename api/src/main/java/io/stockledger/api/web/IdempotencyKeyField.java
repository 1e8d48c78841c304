package io.stockledger.api.web;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.stockledger.api.web.text.StorableText;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code idempotency_key} of a request body that writes to one ledger: required, 32 to 128 storable characters,
 * documented once; built like {@link ProductIdField}.
 */
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@Schema(description = """
        Unique key of this request, chosen by the client; a retry sends the same one. Single-use forever.""",
        example = "key-7d1c1f0e-3b8e-4d55-9f0a-2c6b1e9d4a7f")
@NotNull
@Size(min = 32, max = 128)
@StorableText
@Constraint(validatedBy = {})
public @interface IdempotencyKeyField {

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
