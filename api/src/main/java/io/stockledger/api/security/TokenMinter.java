package io.stockledger.api.security;

import io.jsonwebtoken.Jwts;

import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Issues HS256 tokens in the shape the service verifies: for local use, demos and tests, never for production. */
public final class TokenMinter {

    private TokenMinter() {
    }

    public static String mint(Key key, String subject, List<String> permissions, List<String> roles, Duration ttl,
                              String issuer, String audience) {
        Instant now = Instant.now();
        var builder = Jwts.builder()
                .id(UUID.randomUUID().toString())
                .subject(subject)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .claim("permissions", permissions)
                .claim("roles", roles);
        if (issuer != null && !issuer.isBlank()) {
            builder.issuer(issuer);
        }
        if (audience != null && !audience.isBlank()) {
            builder.audience().add(audience);
        }
        return builder.signWith(key).compact();
    }
}
