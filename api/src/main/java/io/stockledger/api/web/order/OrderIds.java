package io.stockledger.api.web.order;

import io.stockledger.api.web.InvalidParameterException;

/** The client's order and line ids: safe in a URL path, a log line and an event, so a narrow alphabet. */
public final class OrderIds {

    public static final String PATTERN = "^[A-Za-z0-9._:-]+$";
    static final String MESSAGE = "must consist of letters, digits and . _ : - only";

    private OrderIds() {
    }

    /** The longest order id. */
    public static final int ORDER_ID_LENGTH = 128;

    /** An id from a URL path or a query parameter, refused as a validation error on that parameter when malformed. */
    public static String fromPath(String parameter, String value, int maxLength) {
        if (value == null || value.isEmpty() || value.length() > maxLength || !value.matches(PATTERN)) {
            throw new InvalidParameterException(parameter, "must be 1 to " + maxLength
                    + " characters of letters, digits and . _ : -");
        }
        return value;
    }
}
