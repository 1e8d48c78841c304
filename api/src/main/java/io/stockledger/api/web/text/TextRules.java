package io.stockledger.api.web.text;

import java.util.Optional;

/**
 * What free text the ledger stores, in one place. Text goes to PostgreSQL {@code text}/{@code varchar} columns (read
 * models, the request registry) and into events as UTF-8 JSON, so it must be text both can hold exactly:
 * <ul>
 *   <li>no U+0000: PostgreSQL text cannot hold NUL at all (the write fails);</li>
 *   <li>no unpaired surrogate (a JSON escape such as backslash-u-D800 decodes to one): UTF-8 cannot encode it, and the
 *       driver would silently store {@code ?} instead, so two different values could become the same;</li>
 *   <li>no other control character except tab, line feed and carriage return (C0, DEL, C1): they have no meaning in
 *       a note or a code, and in logs, CSV exports and terminals they do harm;</li>
 *   <li>no noncharacter (U+FDD0..U+FDEF, and U+xxFFFE/U+xxFFFF in every plane): reserved by Unicode for a program's
 *       internal use, never for interchange.</li>
 * </ul>
 * Everything else (any script, emoji, combining marks, bidirectional marks, a byte order mark) is stored as sent.
 */
public final class TextRules {

    /** The rule in a client's words, for documents that cannot point at the character (e.g. the OpenAPI text). */
    public static final String RULE = "must be Unicode text without NUL, other control characters (except tab,"
            + " line feed and carriage return), unpaired surrogates or noncharacters";

    private TextRules() {
    }

    /** Why {@code text} cannot be stored, naming the first offending character and its position; empty if it can. */
    public static Optional<String> flawOf(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                if (isNoncharacter(codePoint)) {
                    return Optional.of(at("must not contain the noncharacter " + name(codePoint), i));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return Optional.of(at("must not contain an unpaired surrogate (" + name(c) + ")", i));
            }
            if (c == 0) {
                return Optional.of(at("must not contain NUL (U+0000)", i));
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return Optional.of(at("must not contain the control character " + name(c), i));
            }
            if (isNoncharacter(c)) {
                return Optional.of(at("must not contain the noncharacter " + name(c), i));
            }
        }
        return Optional.empty();
    }

    public static boolean isStorable(CharSequence text) {
        return flawOf(text).isEmpty();
    }

    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String name(int codePoint) {
        return String.format("U+%04X", codePoint);
    }

    /** Positions count UTF-16 code units from 0, as lengths do in the limits. */
    private static String at(String reason, int index) {
        return reason + " (at character " + index + ")";
    }
}
