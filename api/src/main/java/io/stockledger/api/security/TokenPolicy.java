package io.stockledger.api.security;

import java.time.Duration;

/**
 * What a token must satisfy beyond its signature.
 *
 * @param issuer      required {@code iss}, if set
 * @param audience    required {@code aud}, if set
 * @param clockSkew   tolerated difference between the issuer's clock and ours, on {@code exp}, {@code nbf}, {@code iat}
 * @param maxLifetime the longest a token may be valid: {@code exp - iat}, or {@code exp - now} without {@code iat}.
 *                    A leaked token is only as dangerous as it is long-lived, and nothing revokes tokens before
 *                    {@code exp}.
 */
public record TokenPolicy(String issuer, String audience, Duration clockSkew, Duration maxLifetime) {

    /** {@code JWT_MAX_TOKEN_LIFETIME} when unset. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

    public TokenPolicy {
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new IllegalStateException("JWT_CLOCK_SKEW must be zero or more, not " + clockSkew);
        }
        if (maxLifetime == null || maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalStateException("JWT_MAX_TOKEN_LIFETIME must be positive, not " + maxLifetime);
        }
    }

    /** A duration as the configuration writes it: {@code 24h}, {@code 90m}, {@code 45s}. */
    public static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
