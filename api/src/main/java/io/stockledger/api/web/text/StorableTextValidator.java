package io.stockledger.api.web.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.Optional;

/** Checks a {@link StorableText} field against {@link TextRules}, reporting the first character at fault. */
public class StorableTextValidator implements ConstraintValidator<StorableText, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        Optional<String> flaw = TextRules.flawOf(value);
        if (flaw.isEmpty()) {
            return true;
        }
        // the reason is built from code points and positions only (no client text), so it is a safe message template
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(flaw.get()).addConstraintViolation();
        return false;
    }
}
