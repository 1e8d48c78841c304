package io.stockledger.api.web.text;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request's free-text field whose value is stored: it must follow {@link TextRules}, or the request is a 422 naming
 * the field and the first character at fault. Null is valid (say {@code @NotNull} where it is required).
 */
@Documented
@Constraint(validatedBy = StorableTextValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
        ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface StorableText {

    String message() default TextRules.RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
