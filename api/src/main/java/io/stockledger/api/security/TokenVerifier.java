package io.stockledger.api.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;

import java.security.Key;
import java.security.PublicKey;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Verifies bearer tokens with jjwt: the signature (HS256 with the shared secret, or RS256 with a public key),
 * {@code exp} present and not passed (within the clock skew), {@code iss} and {@code aud} when configured. The
 * caller's permissions are its {@code permissions} claim plus those its {@code roles} map to.
 */
public class TokenVerifier {

    private final JwtParser parser;
    private final Map<String, List<String>> rolePermissions;

    public TokenVerifier(Key verificationKey, String issuer, String audience, long clockSkewSeconds,
                         Map<String, List<String>> rolePermissions) {
        JwtParserBuilder builder = Jwts.parser().clockSkewSeconds(clockSkewSeconds);
        if (verificationKey instanceof SecretKey secret) {
            builder.verifyWith(secret);
        } else {
            builder.verifyWith((PublicKey) verificationKey);
        }
        if (issuer != null && !issuer.isBlank()) {
            builder.requireIssuer(issuer);
        }
        if (audience != null && !audience.isBlank()) {
            builder.requireAudience(audience);
        }
        this.parser = builder.build();
        this.rolePermissions = rolePermissions;
    }

    public Caller verify(String token) {
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (ExpiredJwtException expired) {
            throw new AuthenticationException("the token has expired");
        } catch (JwtException | IllegalArgumentException invalid) {
            throw new AuthenticationException("the token is not valid: " + invalid.getMessage());
        }
        if (claims.getExpiration() == null) {
            throw new AuthenticationException("the token has no exp claim");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new AuthenticationException("the token has no sub claim");
        }
        Set<String> permissions = new HashSet<>(strings(claims.get("permissions")));
        for (String role : strings(claims.get("roles"))) {
            permissions.addAll(rolePermissions.getOrDefault(role, List.of()));
        }
        return new Caller(claims.getSubject(), Set.copyOf(permissions));
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(String.valueOf(claim));
    }
}
