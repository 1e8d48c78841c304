package io.stockledger.command.api;

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
}
