package io.stockledger.api.security;

import io.stockledger.api.support.ServiceInstance;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service refuses to start without a sound verification key outside the embedded default. */
class StartupKeyTest {

    @Test
    void aSecretShorterThan256BitsIsRefusedAtStartup() {
        assertThatThrownBy(() -> ServiceInstance.on(TestDatabase.createFresh(),
                "--ledger.security.jwt.secret=too-short-31-bytes-of-secret-xx"))
                .hasStackTraceContaining("HS256 needs at least 256");
    }

    @Test
    void noKeyAtAllIsRefusedWhenADatabaseIsConfigured() {
        assertThatThrownBy(() -> ServiceInstance.on(TestDatabase.createFresh(), "--ledger.security.jwt.secret="))
                .hasStackTraceContaining("Set JWT_SECRET");
    }

    @Test
    void withAPublicKeyConfiguredTokensMustBeRs256SignedByItsPrivateKey() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        try (ServiceInstance service = ServiceInstance.on(TestDatabase.createFresh(),
                "--ledger.security.jwt.public-key=" + pem)) {
            String rs256 = io.jsonwebtoken.Jwts.builder().subject("idp-user")
                    .expiration(java.util.Date.from(java.time.Instant.now().plusSeconds(60)))
                    .claim("permissions", List.of("inventory:read"))
                    .signWith(keys.getPrivate()).compact();
            String hs256 = TokenMinter.mint(VerificationKeys.hmacKey(io.stockledger.api.support.TestTokens.SECRET),
                    "svc", List.of("inventory:read"), List.of(), Duration.ofMinutes(1), null, null);
            String path = "/v1/reservations/" + java.util.UUID.randomUUID();

            assertThat(service.client().withToken(rs256).get(path).status()).isEqualTo(404);
            assertThat(service.client().withToken(hs256).get(path).status())
                    .as("an HS256 token is refused once RS256 is configured").isEqualTo(401);
        }
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        try (ServiceInstance service = ServiceInstance.on(TestDatabase.createFresh(),
                "--ledger.security.jwt.issuer=https://idp.example", "--ledger.security.jwt.audience=stock-ledger")) {
            String right = TokenMinter.mint(VerificationKeys.hmacKey(io.stockledger.api.support.TestTokens.SECRET),
                    "svc", List.of("inventory:read"), List.of(), Duration.ofMinutes(1), "https://idp.example",
                    "stock-ledger");
            String wrongAudience = TokenMinter.mint(
                    VerificationKeys.hmacKey(io.stockledger.api.support.TestTokens.SECRET), "svc",
                    List.of("inventory:read"), List.of(), Duration.ofMinutes(1), "https://idp.example", "other");
            String path = "/v1/reservations/" + java.util.UUID.randomUUID();

            assertThat(service.client().withToken(right).get(path).status()).isEqualTo(404);
            assertThat(service.client().withToken(wrongAudience).get(path).status()).isEqualTo(401);
        }
    }
}
