package io.stockledger.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.Header;
import io.jsonwebtoken.InvalidClaimException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.Jwt;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.JwtParserBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.Locator;
import io.jsonwebtoken.MalformedJwtException;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.UnsupportedJwtException;
import io.jsonwebtoken.security.SignatureException;
import io.jsonwebtoken.security.WeakKeyException;
import io.stockledger.api.web.text.TextRules;

import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Verifies bearer tokens with jjwt: the signature, with an algorithm of the key's kind (HMAC-SHA with the shared
 * secret, RSA with a public key); {@code exp} and {@code sub} present; {@code exp} not passed and {@code nbf} and
 * {@code iat} not ahead, each within the clock skew; a lifetime ({@code exp - iat}, or {@code exp - now} without
 * {@code iat}) within the policy's maximum; {@code iss} and {@code aud} when configured. The caller's permissions are
 * its {@code permissions} claim plus those its {@code roles} map to. A refusal says why in the API's own words.
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

    public static final String MALFORMED = "the token is malformed";
    static final String BAD_SIGNATURE = "the token's signature does not verify";
    static final String OTHER_ALGORITHM = "the token uses an algorithm this service does not accept";
    static final String EXPIRED = "the token has expired";
    static final String NOT_VALID_YET = "the token is not valid yet";
    static final String NO_EXPIRY = "the token has no exp claim";
    static final String NO_SUBJECT = "the token has no sub claim";
    /** The subject is recorded with every event the caller causes (requester_id, at most 255 characters). */
    static final int MAX_SUBJECT_LENGTH = 255;
    static final String UNUSABLE_SUBJECT = "the token's sub claim must be at most " + MAX_SUBJECT_LENGTH
            + " characters of text without NUL, control characters, unpaired surrogates or noncharacters";
    static final String WRONG_ISSUER = "the token's issuer is not the one this service trusts";
    static final String WRONG_AUDIENCE = "the token is not meant for this service (aud)";
    static final String INVALID = "the token is not valid";

    private final JwtParser parser;
    private final TokenPolicy policy;
    private final Map<String, List<String>> rolePermissions;
    private final Clock clock;
    private final String tooLongLived;
    // read on every request: bookkeeping in place (docs/decisions.md, "The ledger cache")
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(Duration.ofMinutes(REMEMBER_MINUTES))
            .executor(Runnable::run)
            .build();

    /** A caller whose token verified, and the instant (epoch millis, skew included) after which it is expired. */
    private record Verified(Caller caller, long expiredAfterMillis) {
    }

    public TokenVerifier(Key verificationKey, TokenPolicy policy, Map<String, List<String>> rolePermissions,
                         Clock clock) {
        JwtParserBuilder builder = Jwts.parser()
                .keyLocator(new KeyForItsAlgorithms(verificationKey))
                .clockSkewSeconds(policy.clockSkew().toSeconds())
                .clock(() -> Date.from(clock.instant()));
        if (present(policy.issuer())) {
            builder.requireIssuer(policy.issuer());
        }
        if (present(policy.audience())) {
            builder.requireAudience(policy.audience());
        }
        this.parser = builder.build();
        this.policy = policy;
        this.rolePermissions = rolePermissions;
        this.clock = clock;
        this.tooLongLived = "the token's lifetime exceeds the maximum of " + TokenPolicy.describe(policy.maxLifetime());
    }

    public Caller verify(String token) {
        Verified known = verified.getIfPresent(token);
        if (known != null) {
            if (clock.millis() <= known.expiredAfterMillis()) {
                return known.caller();
            }
            verified.invalidate(token);
            throw new TokenRefusedException(EXPIRED);
        }
        return parse(token);
    }

    private Caller parse(String token) {
        Claims claims = verifiedClaims(token);
        Date expiration = claims.getExpiration();
        if (expiration == null) {
            throw new TokenRefusedException(NO_EXPIRY);
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new TokenRefusedException(NO_SUBJECT);
        }
        if (claims.getSubject().length() > MAX_SUBJECT_LENGTH || !TextRules.isStorable(claims.getSubject())) {
            throw new TokenRefusedException(UNUSABLE_SUBJECT);
        }
        checkIssuedAtAndLifetime(claims.getIssuedAt(), expiration.toInstant());
        Set<String> permissions = new HashSet<>(strings(claims.get("permissions")));
        for (String role : strings(claims.get("roles"))) {
            permissions.addAll(rolePermissions.getOrDefault(role, List.of()));
        }
        Caller caller = new Caller(claims.getSubject(), Set.copyOf(permissions));
        // jjwt checks exp against the same clock with the skew, as here
        verified.put(token, new Verified(caller, expiration.getTime() + policy.clockSkew().toMillis()));
        return caller;
    }

    /** The claims of a token whose signature verified and whose exp, nbf, iss and aud jjwt accepted. */
    private Claims verifiedClaims(String token) {
        Jwt<?, ?> jwt;
        try {
            jwt = parser.parse(token);
        } catch (ExpiredJwtException expired) {
            throw new TokenRefusedException(EXPIRED);
        } catch (PrematureJwtException early) {
            throw new TokenRefusedException(NOT_VALID_YET);
        } catch (InvalidClaimException claim) { // a required iss or aud missing or different
            throw new TokenRefusedException(Claims.ISSUER.equals(claim.getClaimName()) ? WRONG_ISSUER : WRONG_AUDIENCE);
        } catch (SignatureException badSignature) { // jjwt reports an algorithm it does not know as a bad signature
            throw new TokenRefusedException(badSignature.getCause() instanceof UnsupportedJwtException
                    ? OTHER_ALGORITHM : BAD_SIGNATURE);
        } catch (UnsupportedJwtException | WeakKeyException unsupported) {
            // unsecured ("alg": "none"), encrypted, or HS384/HS512 with a secret too short for them
            throw new TokenRefusedException(OTHER_ALGORITHM);
        } catch (MalformedJwtException | io.jsonwebtoken.io.IOException | IllegalArgumentException malformed) {
            throw new TokenRefusedException(MALFORMED);
        } catch (JwtException invalid) {
            throw new TokenRefusedException(INVALID);
        }
        if (jwt instanceof Jws<?> jws && jws.getPayload() instanceof Claims claims) {
            return claims;
        }
        throw new TokenRefusedException(MALFORMED); // signed, but not a claims set
    }

    /**
     * jjwt checks {@code exp} and {@code nbf}; {@code iat} ahead of our clock and the lifetime are ours. With
     * {@code iat} the lifetime is what the issuer granted, {@code exp - iat}, whatever our clock says; without it,
     * what is left of it, {@code exp - now}, where the skew is allowed for as everywhere our clock is compared.
     */
    private void checkIssuedAtAndLifetime(Date issuedAt, Instant expiration) {
        Instant now = clock.instant();
        Duration lifetime;
        if (issuedAt != null) {
            if (issuedAt.toInstant().isAfter(now.plus(policy.clockSkew()))) {
                throw new TokenRefusedException(NOT_VALID_YET);
            }
            lifetime = Duration.between(issuedAt.toInstant(), expiration);
        } else {
            lifetime = Duration.between(now, expiration).minus(policy.clockSkew());
        }
        if (lifetime.compareTo(policy.maxLifetime()) > 0) {
            throw new TokenRefusedException(tooLongLived);
        }
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim == null ? List.of() : List.of(String.valueOf(claim));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * The verification key, for the algorithms of its kind only: HMAC-SHA (HS256, HS384, HS512) for the shared secret,
     * RSA signatures (RS256 to RS512, PS256 to PS512) for a public key. A token naming anything else ({@code none},
     * an elliptic curve, HMAC when an RSA key is configured) is refused before its signature is looked at, with a
     * reason saying so.
     */
    private static final class KeyForItsAlgorithms implements Locator<Key> {

        private static final Set<String> HMAC = Set.of("HS256", "HS384", "HS512");
        private static final Set<String> RSA = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");

        private final Key key;
        private final Set<String> algorithms;

        KeyForItsAlgorithms(Key key) {
            this.key = key;
            this.algorithms = key instanceof SecretKey ? HMAC : RSA;
        }

        @Override
        public Key locate(Header header) {
            if (header instanceof JwsHeader jws && algorithms.contains(jws.getAlgorithm())) {
                return key;
            }
            throw new TokenRefusedException(OTHER_ALGORITHM);
        }
    }
}
