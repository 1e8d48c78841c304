package io.stockledger.api.web;

/** What a lot (batch) number may look like on the API: the characters labels and scanners use, up to 64. */
public final class BatchNumbers {

    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$";
    public static final String MESSAGE = "must be 1 to 64 letters, digits, '.', '_', '/' or '-', starting with a"
            + " letter or digit";

    private BatchNumbers() {
    }
}
