package io.stockledger.api.web.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What free text the ledger stores, and how it says what it refuses. */
class TextRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "tab\tline\nreturn\r\n", "\ufeffbom", "\u200frtl \u202eoverride",
            "\ud83d\udce6 \ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67", "Z\u0335a\u0338", "\u5728\u5eab",
            "a\u2028b", "caf\u00e9 \u00ff", "\ud800\udc00", "\udbff\udffd"})
    void textOfAnyScriptWithMarksAndEmojiIsStorable(String text) {
        assertThat(TextRules.flawOf(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab\u0000", "ab\u0001", "ab\u001b", "ab\u007f", "ab\u0085", "ab\u009f", "ab\ud800",
            "ab\udfff", "ab\udc00\ud800", "ab\ufffe", "ab\uffff", "ab\ufdd0", "ab\ufdef", "ab\ud83f\udffe",
            "ab\udbff\udfff"})
    void controlsUnpairedSurrogatesAndNoncharactersAreRefusedAtTheirPosition(String text) {
        assertThat(TextRules.flawOf(text)).hasValueSatisfying(reason -> assertThat(reason).endsWith("(at character 2)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000|must not contain NUL (U+0000)", "\u0007|the control character U+0007",
            "\ud800|an unpaired surrogate (U+D800)", "\uffff|the noncharacter U+FFFF",
            "\ud83f\udfff|the noncharacter U+1FFFF"})
    void theReasonNamesTheCharacter(String textAndReason) {
        String[] parts = textAndReason.split("\\|");
        assertThat(TextRules.flawOf(parts[0])).hasValueSatisfying(reason -> assertThat(reason).contains(parts[1]));
    }
}
