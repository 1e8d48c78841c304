package io.stockledger.api.security;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.security.Key;
import java.security.PublicKey;
import java.time.Duration;
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
 *
 * <p>A token that verified is remembered, by its exact text, until it expires (and for at most
 * {@value #REMEMBER_MINUTES} minutes): an order system sends the same token with every request for its lifetime, and
 * parsing and checking its signature again each time was a tenth of the CPU of a reservation over HTTP. Only the exact
 * bytes already verified can match, so remembering weakens nothing; a token past its {@code exp} is refused as before.
 * Refused tokens are never remembered.
 */
public class TokenVerifier {

    /** Verified tokens remembered at most this long (and never past their expiry), and at most this many. */
    static final long REMEMBER_MINUTES = 5;
    static final long REMEMBERED_TOKENS = 10_000;

    private final JwtParser parser;
    private final Map<String, List<String>> rolePermissions;
    private final long clockSkewMillis;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(Duration.ofMinutes(REMEMBER_MINUTES))
            .build();

    /** A caller whose token verified, and the instant (epoch millis, skew included) after which it is expired. */
    private record Verified(Caller caller, long expiredAfterMillis) {
    }

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
        this.clockSkewMillis = clockSkewSeconds * 1000;
    }

    public Caller verify(String token) {
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            if (System.currentTimeMillis() <= known.expiredAfterMillis()) {
                return known.caller();
            }
            verified.invalidate(token);
            throw new AuthenticationException("the token has expired");
        }
        return parse(token);
    }

    private Caller parse(String token) {
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
        Caller caller = new Caller(claims.getSubject(), Set.copyOf(permissions));
        // jjwt checks exp against the system clock with the skew, as here
        verified.put(token, new Verified(caller, claims.getExpiration().getTime() + clockSkewMillis));
        return caller;
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(String.valueOf(claim));
    }
}
