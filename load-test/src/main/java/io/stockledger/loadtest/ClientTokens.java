package io.stockledger.loadtest;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Bearer tokens as the service's clients get them: HS256 over the UTF-8 bytes of the service's {@code JWT_SECRET},
 * with {@code sub}, {@code exp} and a {@code roles} claim (README "Security"). Each client role gets its own token:
 * the order system reserves and confirms, the warehouse receives, the auditor reads the event store.
 */
public final class ClientTokens {

    private final SecretKey key;
    private final String issuer;
    private final String audience;
    private final Duration ttl;

    public ClientTokens(LoadProfile profile) {
        // outlives the run, the seeding before it and the check after it
        this(profile.jwtSecret(), profile.jwtIssuer(), profile.jwtAudience(), profile.duration().plus(Duration.ofHours(1)));
    }

    /** Tokens for a service with this HS256 secret (issuer and audience may be null), valid for {@code ttl}. */
    public ClientTokens(String jwtSecret, String issuer, String audience, Duration ttl) {
        byte[] secret = jwtSecret.getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalArgumentException("the JWT secret must be at least 32 bytes, as the service demands");
        }
        this.key = Keys.hmacShaKeyFor(secret);
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
    }

    public String orderSystem() {
        return mint("load-test-checkout", "order-system");
    }

    public String warehouse() {
        return mint("load-test-warehouse", "warehouse");
    }

    public String auditor() {
        return mint("load-test-oversell-check", "auditor");
    }

    private String mint(String subject, String role) {
        Instant now = Instant.now();
        var builder = Jwts.builder()
                .id(UUID.randomUUID().toString())
                .subject(subject)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .claim("roles", List.of(role));
        if (issuer != null && !issuer.isBlank()) {
            builder.issuer(issuer);
        }
        if (audience != null && !audience.isBlank()) {
            builder.audience().add(audience);
        }
        return builder.signWith(key, Jwts.SIG.HS256).compact();
    }
}
