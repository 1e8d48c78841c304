package io.stockledger.api.security;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.stockledger.api.support.AdjustableClock;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verifier's memory of verified tokens must never let through what a fresh verification would refuse; and each
 * way a token can be unacceptable is refused, with a reason in the API's words.
 */
class TokenVerifierTest {

    private static final SecretKey KEY = new SecretKeySpec(
            "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    private static final Map<String, List<String>> ROLES =
            Map.of("order-system", List.of("inventory:reserve", "inventory:read"));
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final TokenPolicy POLICY = new TokenPolicy(null, null, Duration.ZERO, Duration.ofHours(24));

    private final TokenVerifier verifier = new TokenVerifier(KEY, POLICY, ROLES, Clock.systemUTC());

    private final AdjustableClock clock = new AdjustableClock();
    private final TokenVerifier withSkew = new TokenVerifier(KEY,
            new TokenPolicy(null, null, SKEW, Duration.ofHours(24)), ROLES, clock);

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
                .isInstanceOf(TokenRefusedException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(TokenRefusedException.class).hasMessageContaining("expired");
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

        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(TokenRefusedException.class);
        assertThat(verifier.verify(token).subject()).isEqualTo("checkout");
    }

    @Test
    void theRememberedCallerHasTheSamePermissionsAsAFreshVerification() {
        String token = Jwts.builder().subject("ops").claim("roles", List.of("order-system"))
                .claim("permissions", List.of("inventory:adjust"))
                .expiration(Date.from(Instant.now().plusSeconds(300))).signWith(KEY).compact();
        Caller first = verifier.verify(token);
        Caller again = verifier.verify(token);
        Caller fresh = new TokenVerifier(KEY, POLICY, ROLES, Clock.systemUTC()).verify(token);

        assertThat(again).isEqualTo(first).isEqualTo(fresh);
        assertThat(first.permissions()).containsExactlyInAnyOrder("inventory:reserve", "inventory:read",
                "inventory:adjust");
    }

    @Test
    void aTokenSeenBeforeIsAnsweredFromMemoryNotParsedAgain() {
        String token = valid().compact();

        // a parse builds a new caller; the remembered one is the very same object
        assertThat(verifier.verify(token)).isSameAs(verifier.verify(token));
        assertThat(new TokenVerifier(KEY, POLICY, ROLES, Clock.systemUTC()).verify(token))
                .isNotSameAs(verifier.verify(token));
    }

    @Test
    void aRememberedTokenIsRefusedOnceTheClockPassesItsExpiryAndSkew() {
        String token = valid().expiration(Date.from(clock.instant().plusSeconds(60))).compact();
        assertThat(withSkew.verify(token).subject()).isEqualTo("checkout");

        clock.advance(Duration.ofSeconds(60).plus(SKEW).minusSeconds(2));
        assertThat(withSkew.verify(token).subject()).as("within the skew").isEqualTo("checkout");
        clock.advance(Duration.ofSeconds(3));
        assertRefused(withSkew, token, "the token has expired");
    }

    @Test
    void somethingThatIsNotAJwtIsMalformed() {
        for (String token : List.of("not-a-jwt", "", "a.b.c", "a.b")) {
            assertRefused(verifier, token, "the token is malformed");
        }
        String signedText = Jwts.builder().content("not claims".getBytes(StandardCharsets.UTF_8), "text/plain")
                .signWith(KEY).compact();
        assertRefused(verifier, signedText, "the token is malformed");
    }

    @Test
    void anotherSecretsSignatureDoesNotVerify() {
        SecretKey other = new SecretKeySpec("another-secret-that-is-long-enough-for-hs256!!"
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256");

        assertRefused(verifier, valid().signWith(other).compact(), "the token's signature does not verify");
    }

    @Test
    void onlyAlgorithmsOfTheKeysKindAreAccepted() throws Exception {
        SecretKey longSecret = new SecretKeySpec(("a-secret-long-enough-for-hs512-" + "x".repeat(40))
                .getBytes(StandardCharsets.UTF_8), "HmacSHA512");
        KeyPair rsa = rsaKeys();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(256);
        KeyPair ec = ecGenerator.generateKeyPair();
        String unsecured = Jwts.builder().subject("anyone").expiration(Date.from(Instant.now().plusSeconds(60)))
                .compact();
        String otherAlgorithm = "the token uses an algorithm this service does not accept";

        TokenVerifier hmac = new TokenVerifier(longSecret, POLICY, ROLES, Clock.systemUTC());
        assertThat(hmac.verify(valid().signWith(longSecret, Jwts.SIG.HS384).compact()).subject())
                .isEqualTo("checkout");
        assertThat(hmac.verify(valid().signWith(longSecret, Jwts.SIG.HS512).compact()).subject())
                .isEqualTo("checkout");
        assertRefused(hmac, valid().signWith(rsa.getPrivate(), Jwts.SIG.RS256).compact(), otherAlgorithm);
        assertRefused(hmac, unsecured, otherAlgorithm);
        assertRefused(verifier, valid().signWith(longSecret, Jwts.SIG.HS512).compact(), otherAlgorithm);

        TokenVerifier rs256 = new TokenVerifier(rsa.getPublic(), POLICY, ROLES, Clock.systemUTC());
        assertThat(rs256.verify(valid().signWith(rsa.getPrivate(), Jwts.SIG.RS256).compact()).subject())
                .isEqualTo("checkout");
        assertRefused(rs256, valid().signWith(KEY).compact(), otherAlgorithm);
        assertRefused(rs256, valid().signWith(ec.getPrivate(), Jwts.SIG.ES256).compact(), otherAlgorithm);
        assertRefused(rs256, unsecured, otherAlgorithm);
    }

    @Test
    void anExpiredTokenIsRefused() {
        assertRefused(verifier, valid().expiration(Date.from(Instant.now().minusSeconds(5))).compact(),
                "the token has expired");
    }

    @Test
    void aTokenNotValidYetIsRefusedBeyondTheSkewOnly() {
        Instant now = clock.instant();
        String nbfLater = valid(now).notBefore(Date.from(now.plus(SKEW).plusSeconds(5))).compact();
        String issuedLater = valid(now).issuedAt(Date.from(now.plus(SKEW).plusSeconds(5))).compact();
        String withinSkew = valid(now).notBefore(Date.from(now.plusSeconds(10)))
                .issuedAt(Date.from(now.plusSeconds(10))).compact();

        assertRefused(withSkew, nbfLater, "the token is not valid yet");
        assertRefused(withSkew, issuedLater, "the token is not valid yet");
        assertThat(withSkew.verify(withinSkew).subject()).isEqualTo("checkout");

        clock.advance(Duration.ofSeconds(10));
        assertThat(withSkew.verify(nbfLater).subject()).as("a refusal is not remembered").isEqualTo("checkout");
        assertThat(withSkew.verify(issuedLater).subject()).isEqualTo("checkout");
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefused() {
        Instant now = clock.instant();
        String tooLong = valid(now).issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofHours(25))))
                .compact();
        String issuedLongAgo = valid(now).issuedAt(Date.from(now.minus(Duration.ofHours(2))))
                .expiration(Date.from(now.plus(Duration.ofHours(23)))).compact();
        String exactlyTheMaximum = valid(now).issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(Duration.ofHours(24)))).compact();

        assertRefused(withSkew, tooLong, "the token's lifetime exceeds the maximum of 24h");
        assertRefused(withSkew, issuedLongAgo, "the token's lifetime exceeds the maximum of 24h");
        assertThat(withSkew.verify(exactlyTheMaximum).subject()).isEqualTo("checkout");
    }

    @Test
    void withoutIatWhatIsLeftOfTheLifetimeCountsWithinTheSkew() {
        Instant now = clock.instant();
        String tooLong = valid(now).expiration(Date.from(now.plus(Duration.ofHours(24)).plus(SKEW).plusSeconds(5)))
                .compact();
        String withinSkew = valid(now).expiration(Date.from(now.plus(Duration.ofHours(24)).plusSeconds(10)))
                .compact();

        assertRefused(withSkew, tooLong, "the token's lifetime exceeds the maximum of 24h");
        assertThat(withSkew.verify(withinSkew).subject()).isEqualTo("checkout");
    }

    @Test
    void theMaximumIsConfigurableAndNamedInTheRefusal() {
        TokenPolicy ninetyMinutes = new TokenPolicy(null, null, Duration.ZERO, Duration.ofMinutes(90));
        TokenVerifier hourly = new TokenVerifier(KEY, ninetyMinutes, ROLES, Clock.systemUTC());
        Instant now = Instant.now();

        assertRefused(hourly, valid(now).issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofHours(2))))
                .compact(), "the token's lifetime exceeds the maximum of 90m");
    }

    @Test
    void expiryAndSubjectAreRequired() {
        assertRefused(verifier, Jwts.builder().subject("forever").signWith(KEY).compact(),
                "the token has no exp claim");
        assertRefused(verifier, Jwts.builder().expiration(Date.from(Instant.now().plusSeconds(60))).signWith(KEY)
                .compact(), "the token has no sub claim");
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        TokenVerifier strict = new TokenVerifier(KEY,
                new TokenPolicy("https://idp.example", "stock-ledger", Duration.ZERO, Duration.ofHours(24)), ROLES,
                Clock.systemUTC());

        assertThat(strict.verify(valid().issuer("https://idp.example").audience().add("stock-ledger").and()
                .compact()).subject()).isEqualTo("checkout");
        assertRefused(strict, valid().issuer("https://other.example").audience().add("stock-ledger").and().compact(),
                "the token's issuer is not the one this service trusts");
        assertRefused(strict, valid().audience().add("stock-ledger").and().compact(),
                "the token's issuer is not the one this service trusts");
        assertRefused(strict, valid().issuer("https://idp.example").audience().add("billing").and().compact(),
                "the token is not meant for this service (aud)");
    }

    private static JwtBuilder valid() {
        return valid(Instant.now());
    }

    /** A token that verifies as it is: a subject, a role, five minutes to live, signed with {@link #KEY}. */
    private static JwtBuilder valid(Instant now) {
        return Jwts.builder().subject("checkout").claim("roles", List.of("order-system"))
                .expiration(Date.from(now.plusSeconds(300))).signWith(KEY);
    }

    private static void assertRefused(TokenVerifier verifier, String token, String detail) {
        assertThatThrownBy(() -> verifier.verify(token)).as("token %s", token)
                .isInstanceOf(TokenRefusedException.class).hasMessage(detail);
    }

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
