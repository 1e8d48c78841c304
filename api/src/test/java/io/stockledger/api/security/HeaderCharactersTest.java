package io.stockledger.api.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderCharactersTest {

    /** The expressions Spring Security's {@code StrictHttpFirewall} checks with by default (6.5). */
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void everyCodePointIsJudgedAsTheFirewallsExpressionsJudgeIt() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = Character.toString(codePoint);
            String amid = "Bearer " + alone + "x";
            assertThat(HeaderCharacters.allowedInName(amid)).as("name with U+%04X", codePoint)
                    .isEqualTo(NAME.matcher(amid).matches());
            assertThat(HeaderCharacters.allowedInValue(amid)).as("value with U+%04X", codePoint)
                    .isEqualTo(VALUE.matcher(amid).matches());
        }
    }

    @Test
    void aSurrogateWithoutItsPairAndTheEmptyTextAreJudgedAsTheExpressionsJudgeThem() {
        for (String text : new String[]{"", "a\ud800", "\udc00b", "\ud83d\ude00", "\ud800\ud800"}) {
            assertThat(HeaderCharacters.allowedInName(text)).isEqualTo(NAME.matcher(text).matches());
            assertThat(HeaderCharacters.allowedInValue(text)).isEqualTo(VALUE.matcher(text).matches());
        }
    }

    @Test
    void theServicesFirewallRefusesAControlCharacterInAHeaderAndLetsATabThrough() {
        HttpFirewall firewall = new SecurityConfiguration().httpFirewall();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/reserve");
        request.addHeader("X-Trace-ID", "abc\u0007");
        request.addHeader("X-Note", "a\tb");

        var checked = firewall.getFirewalledRequest(request);

        assertThat(checked.getHeader("X-Note")).isEqualTo("a\tb");
        assertThatThrownBy(() -> checked.getHeader("X-Trace-ID")).isInstanceOf(RequestRejectedException.class);
    }
}
