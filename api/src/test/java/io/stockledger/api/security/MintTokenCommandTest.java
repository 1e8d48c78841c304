package io.stockledger.api.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** mint-token never prints a token the service would refuse for its lifetime. */
class MintTokenCommandTest {

    private static final Duration DAY = Duration.ofHours(24);

    @Test
    void theDefaultIsAnHourOrTheMaximumIfThatIsShorter() {
        assertThat(MintTokenCommand.ttl(null, DAY)).isEqualTo(Duration.ofHours(1));
        assertThat(MintTokenCommand.ttl(null, Duration.ofMinutes(20))).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void aTtlUpToTheMaximumIsTaken() {
        assertThat(MintTokenCommand.ttl("8h", DAY)).isEqualTo(Duration.ofHours(8));
        assertThat(MintTokenCommand.ttl("30m", DAY)).isEqualTo(Duration.ofMinutes(30));
        assertThat(MintTokenCommand.ttl("24h", DAY)).isEqualTo(DAY);
    }

    @Test
    void aTtlBeyondTheMaximumOrNotPositiveIsRefused() {
        assertThatThrownBy(() -> MintTokenCommand.ttl("25h", DAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 24h").hasMessageContaining("JWT_MAX_TOKEN_LIFETIME");
        assertThatThrownBy(() -> MintTokenCommand.ttl("2h", Duration.ofMinutes(90)))
                .hasMessageContaining("at most 90m");
        assertThatThrownBy(() -> MintTokenCommand.ttl("0s", DAY)).isInstanceOf(IllegalArgumentException.class);
    }
}
