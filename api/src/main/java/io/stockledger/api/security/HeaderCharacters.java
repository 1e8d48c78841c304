package io.stockledger.api.security;

/**
 * The characters Spring Security's {@code StrictHttpFirewall} lets through in header names, header values and
 * parameter names, checked one code point at a time instead of by its regular expressions. The rules are the
 * firewall's own: every code point assigned in Unicode, none a control character (general category Cc), except the
 * tab in a header value.
 *
 * <p>Why: the firewall matches every header of every request against those expressions, and on the reservation's
 * path that was 1.5% of the service's CPU, more than Spring Security's whole filter chain besides.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** A header or parameter name: {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    static boolean allowedInName(String name) {
        return allAllowed(name, false);
    }

    /** A header value: as a name, and a tab allowed too ({@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}). */
    static boolean allowedInValue(String value) {
        return allAllowed(value, true);
    }

    private static boolean allAllowed(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (!allowed(codePoint, tabAllowed)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }

    private static boolean allowed(int codePoint, boolean tabAllowed) {
        if (codePoint >= 0x20 && codePoint < 0x7f) {
            return true; // printable ASCII: nearly every character of every header
        }
        if (Character.getType(codePoint) == Character.CONTROL) {
            return tabAllowed && codePoint == '\t';
        }
        return Character.isDefined(codePoint);
    }
}
