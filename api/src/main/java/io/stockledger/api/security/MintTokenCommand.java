package io.stockledger.api.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar stock-ledger.jar mint-token [--subject S] [--role R]... [--permission P]... [--ttl 1h]}: prints a
 * bearer token signed with {@code JWT_SECRET}, or with the embedded default's local secret ({@code ./data/jwt-secret},
 * {@code --secret-file} to point elsewhere). Without roles or permissions the token gets the {@code admin} role.
 */
public final class MintTokenCommand {

    public static final String NAME = "mint-token";

    private MintTokenCommand() {
    }

    public static void run(String[] args) {
        String subject = "local-user";
        List<String> roles = new ArrayList<>();
        List<String> permissions = new ArrayList<>();
        Duration ttl = Duration.ofHours(1);
        String secretFile = "./data/jwt-secret";
        for (int i = 1; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--subject" -> subject = required(args[i], value);
                case "--role" -> roles.add(required(args[i], value));
                case "--permission" -> permissions.add(required(args[i], value));
                case "--ttl" -> ttl = Duration.parse("PT" + required(args[i], value).toUpperCase());
                case "--secret-file" -> secretFile = required(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see README");
            }
            i++;
        }
        if (roles.isEmpty() && permissions.isEmpty()) {
            roles.add("admin");
        }
        String secret = System.getenv("JWT_SECRET");
        if (secret == null || secret.isBlank()) {
            secret = VerificationKeys.readOrCreateLocalSecret(Path.of(secretFile).toAbsolutePath().normalize());
        }
        System.out.println(TokenMinter.mint(VerificationKeys.hmacKey(secret), subject, permissions, roles, ttl,
                System.getenv("JWT_ISSUER"), System.getenv("JWT_AUDIENCE")));
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
