package io.stockledger.command.api;

import java.time.LocalDate;
import java.util.List;

/** Argument checks shared by the command records, so a command that exists is a well-formed command. */
final class Guard {

    private Guard() {
    }

    static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    static void present(String name, Object value) {
        if (value == null || (value instanceof String text && text.isBlank())) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** An optional text: absent, or not blank. */
    static void notBlankIfGiven(String name, String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    /** A list that must name something, such as the lots a transfer moves; returned as an unmodifiable copy. */
    static <T> List<T> notEmpty(String name, List<T> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(name + " are required");
        }
        return List.copyOf(values);
    }

    /**
     * The shelf life a reservation asks for: a date the lots must last until, or a number of days from now, not both;
     * neither is asking for none.
     */
    static void shelfLife(LocalDate minExpiryDate, Integer minShelfLifeDays) {
        if (minExpiryDate != null && minShelfLifeDays != null) {
            throw new IllegalArgumentException("give minExpiryDate or minShelfLifeDays, not both");
        }
        if (minShelfLifeDays != null && minShelfLifeDays < 0) {
            throw new IllegalArgumentException("minShelfLifeDays must not be negative");
        }
    }
}
