package io.stockledger.api.security;

import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier's memory of verified tokens must never let through what a fresh verification would refuse. */
class TokenVerifierTest {

    private static final SecretKey KEY = new SecretKeySpec(
            "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), "HmacSHA256");

    private final TokenVerifier verifier = new TokenVerifier(KEY, null, null, 0,
            Map.of("order-system", List.of("inventory:reserve", "inventory:read")));

    @Test
    void aTokenVerifiedBeforeIsRefusedOnceItExpires() throws InterruptedException {
        Instant expiry = Instant.now().plusMillis(1_500);
        String token = Jwts.builder().subject("checkout").claim("roles", List.of("order-system"))
                .expiration(Date.from(expiry)).signWith(KEY).compact();

        assertThat(verifier.verify(token).subject()).isEqualTo("checkout");
        assertThat(verifier.verify(token).subject()).isEqualTo("checkout");
        // jwt expiry has second precision: wait until the truncated exp has certainly passed
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 200);

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("expired");
    }

    @Test
    void aTamperedCopyOfAVerifiedTokenIsStillRefused() {
        String token = Jwts.builder().subject("checkout").claim("roles", List.of("order-system"))
                .expiration(Date.from(Instant.now().plusSeconds(300))).signWith(KEY).compact();
        assertThat(verifier.verify(token).permissions()).containsExactlyInAnyOrder("inventory:reserve",
                "inventory:read");

        String[] parts = token.split("\\.");
        String otherSignature = parts[2].charAt(0) == 'A' ? "B" + parts[2].substring(1) : "A" + parts[2].substring(1);
        String tampered = parts[0] + "." + parts[1] + "." + otherSignature;

        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(AuthenticationException.class);
        assertThat(verifier.verify(token).subject()).isEqualTo("checkout");
    }

    @Test
    void theRememberedCallerHasTheSamePermissionsAsAFreshVerification() {
        String token = Jwts.builder().subject("ops").claim("roles", List.of("order-system"))
                .claim("permissions", List.of("inventory:adjust"))
                .expiration(Date.from(Instant.now().plusSeconds(300))).signWith(KEY).compact();
        Caller first = verifier.verify(token);
        Caller again = verifier.verify(token);
        Caller fresh = new TokenVerifier(KEY, null, null, 0,
                Map.of("order-system", List.of("inventory:reserve", "inventory:read"))).verify(token);

        assertThat(again).isEqualTo(first).isEqualTo(fresh);
        assertThat(first.permissions()).containsExactlyInAnyOrder("inventory:reserve", "inventory:read",
                "inventory:adjust");
    }
}
