package io.stockledger.api.security;

import org.springframework.boot.convert.DurationStyle;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar stock-ledger.jar mint-token [--subject S] [--role R]... [--permission P]... [--ttl 1h]}: prints a
 * bearer token signed with {@code JWT_SECRET}, or with the embedded default's local secret ({@code ./data/jwt-secret},
 * {@code --secret-file} to point elsewhere). Without roles or permissions the token gets the {@code admin} role.
 * {@code --ttl} (e.g. {@code 30m}, {@code 8h}) defaults to an hour and may not exceed the service's maximum token
 * lifetime, {@code JWT_MAX_TOKEN_LIFETIME} (24h unless set): the service would refuse a longer-lived token.
 */
public final class MintTokenCommand {

    public static final String NAME = "mint-token";

    private static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private MintTokenCommand() {
    }

    public static void run(String[] args) {
        String subject = "local-user";
        List<String> roles = new ArrayList<>();
        List<String> permissions = new ArrayList<>();
        String ttl = null;
        String secretFile = "./data/jwt-secret";
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--subject" -> subject = required(args[i], value);
                case "--role" -> roles.add(required(args[i], value));
                case "--permission" -> permissions.add(required(args[i], value));
                case "--ttl" -> ttl = required(args[i], value);
                case "--secret-file" -> secretFile = required(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see README");
            }
            i++;
        }
        Duration lifetime = ttl(ttl, durationOrDefault("JWT_MAX_TOKEN_LIFETIME", TokenPolicy.DEFAULT_MAX_LIFETIME));
        if (roles.isEmpty() && permissions.isEmpty()) {
            roles.add("admin");
        }
        String secret = System.getenv("JWT_SECRET");
        if (secret == null || secret.isBlank()) {
            secret = VerificationKeys.readOrCreateLocalSecret(Path.of(secretFile).toAbsolutePath().normalize());
        }
        System.out.println(TokenMinter.mint(VerificationKeys.hmacKey(secret), subject, permissions, roles, lifetime,
                System.getenv("JWT_ISSUER"), System.getenv("JWT_AUDIENCE")));
    }

    /**
     * The token's lifetime: {@code --ttl} as given ({@code 30m}, {@code 8h}, ...) or an hour, never more than the
     * service accepts.
     */
    static Duration ttl(String requested, Duration maxLifetime) {
        if (requested == null) {
            return DEFAULT_TTL.compareTo(maxLifetime) <= 0 ? DEFAULT_TTL : maxLifetime;
        }
        Duration ttl = DurationStyle.detectAndParse(requested);
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(maxLifetime) > 0) {
            throw new IllegalArgumentException("--ttl must be more than 0 and at most "
                    + TokenPolicy.describe(maxLifetime) + " (JWT_MAX_TOKEN_LIFETIME): the service refuses tokens "
                    + "that live longer");
        }
        return ttl;
    }

    private static Duration durationOrDefault(String variable, Duration fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : DurationStyle.detectAndParse(value);
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
