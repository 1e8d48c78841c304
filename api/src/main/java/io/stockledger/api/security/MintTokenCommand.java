package io.stockledger.api.security;

import org.springframework.boot.convert.DurationStyle;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code java -jar stock-ledger.jar mint-token [--subject S] [--role R]... [--permission P]... [--ttl 1h]}: prints a
 * bearer token signed with {@code JWT_SECRET}, or with the embedded default's local secret ({@code ./data/jwt-secret},
 * beside {@code LEDGER_DATA_DIR}; {@code --secret-file} to point elsewhere). Without roles or permissions the token
 * gets the {@code admin} role. {@code --ttl} (e.g. {@code 30m}, {@code 8h}) defaults to an hour and may not exceed
 * the service's maximum token lifetime, {@code JWT_MAX_TOKEN_LIFETIME} (24h unless set): the service would refuse a
 * longer-lived token. Every mistake ends in one line on stderr and a non-zero exit, never a stack trace and never a
 * token the service would refuse.
 */
public final class MintTokenCommand {

    public static final String NAME = "mint-token";

    /** Exit status of a usage error, as for most command-line tools. */
    static final int USAGE_ERROR = 2;
    /** Exit status when the options are fine but no token can be signed (no secret, a bad one). */
    static final int CANNOT_SIGN = 1;

    private static final Duration DEFAULT_TTL = Duration.ofHours(1);
    private static final String DEFAULT_DATA_DIR = "./data/postgres";

    private MintTokenCommand() {
    }

    /** Runs {@code mint-token} with the process's environment; the exit status is for {@code System.exit}. */
    public static int run(String[] args) {
        return run(Arrays.asList(args).subList(1, args.length), System.getenv(), System.out, System.err);
    }

    /**
     * @param args the arguments after {@code mint-token}
     * @return 0 when a token (or the usage) was printed, else {@link #USAGE_ERROR} or {@link #CANNOT_SIGN}
     */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Map<String, List<String>> roles = ConfiguredRoles.fromApplicationYaml();
        MintTokenOptions options;
        Duration lifetime;
        try {
            options = MintTokenOptions.parse(args, roles);
            if (options.help()) {
                out.print(usage(roles));
                return 0;
            }
            lifetime = ttl(options.ttl(), maxLifetime(env));
        } catch (MintTokenUsageException | IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println("Run '" + NAME + " --help' for the options.");
            return USAGE_ERROR;
        }
        try {
            String secret = secret(options, env);
            out.println(TokenMinter.mint(VerificationKeys.hmacKey(secret), options.subject(), options.permissions(),
                    options.roles(), lifetime, env.get("JWT_ISSUER"), env.get("JWT_AUDIENCE")));
            return 0;
        } catch (MintTokenUsageException | IllegalStateException e) {
            err.println(NAME + ": " + e.getMessage());
            return CANNOT_SIGN;
        }
    }

    /**
     * {@code JWT_SECRET}, else the file the embedded default generated on its first start. The file is never created
     * here: a secret made up by {@code mint-token} would sign tokens no running service accepts.
     */
    private static String secret(MintTokenOptions options, Map<String, String> env) {
        if (present(env.get("JWT_PUBLIC_KEY")) && !present(env.get("JWT_SECRET"))) {
            throw new MintTokenUsageException("JWT_PUBLIC_KEY is set: the service verifies RSA signatures, and a "
                    + "token for it must be signed with the private key by your identity provider; mint-token signs "
                    + "only with JWT_SECRET or the embedded default's secret");
        }
        if (present(env.get("JWT_SECRET"))) {
            return env.get("JWT_SECRET");
        }
        Path file = secretFile(options, env);
        if (!Files.isRegularFile(file)) {
            throw new MintTokenUsageException("JWT_SECRET is not set and there is no local secret at " + file
                    + ". The embedded default writes it when the service first starts in this directory: run "
                    + NAME + " from the directory the service runs in (with the same LEDGER_DATA_DIR), or give "
                    + "--secret-file, or set JWT_SECRET to the service's value");
        }
        String secret = VerificationKeys.readOrCreateLocalSecret(file);
        if (secret.isBlank()) {
            throw new MintTokenUsageException("the local secret " + file + " is empty; delete it and restart the "
                    + "service to generate a new one");
        }
        return secret;
    }

    /** Where the service keeps its generated secret: beside the embedded data directory. */
    static Path secretFile(MintTokenOptions options, Map<String, String> env) {
        if (options.secretFile() != null) {
            return Path.of(options.secretFile()).toAbsolutePath().normalize();
        }
        String dataDir = present(env.get("LEDGER_DATA_DIR")) ? env.get("LEDGER_DATA_DIR") : DEFAULT_DATA_DIR;
        return Path.of(dataDir).resolve("../jwt-secret").toAbsolutePath().normalize();
    }

    /**
     * The token's lifetime: {@code --ttl} as given ({@code 30m}, {@code 8h}, ...) or an hour, never more than the
     * service accepts.
     */
    static Duration ttl(String requested, Duration maxLifetime) {
        if (requested == null) {
            return DEFAULT_TTL.compareTo(maxLifetime) <= 0 ? DEFAULT_TTL : maxLifetime;
        }
        Duration ttl;
        try {
            ttl = DurationStyle.detectAndParse(requested);
        } catch (IllegalArgumentException e) {
            throw new MintTokenUsageException("--ttl '" + requested + "' is not a duration; write e.g. 30m, 8h or "
                    + "PT8H");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(maxLifetime) > 0) {
            throw new MintTokenUsageException("--ttl must be more than 0 and at most "
                    + TokenPolicy.describe(maxLifetime) + " (JWT_MAX_TOKEN_LIFETIME): the service refuses tokens "
                    + "that live longer");
        }
        return ttl;
    }

    private static Duration maxLifetime(Map<String, String> env) {
        String value = env.get("JWT_MAX_TOKEN_LIFETIME");
        if (!present(value)) {
            return TokenPolicy.DEFAULT_MAX_LIFETIME;
        }
        try {
            return DurationStyle.detectAndParse(value);
        } catch (IllegalArgumentException e) {
            throw new MintTokenUsageException("JWT_MAX_TOKEN_LIFETIME '" + value + "' is not a duration; write e.g. "
                    + "24h");
        }
    }

    static String usage(Map<String, List<String>> roles) {
        TreeSet<String> permissions = new TreeSet<>();
        roles.values().forEach(permissions::addAll);
        return """
                Usage: java -jar stock-ledger.jar mint-token [options]

                Prints a bearer token for the stock ledger's /v1 API, for local use and tests.
                It is signed with JWT_SECRET if set, else with the secret the embedded default keeps
                beside its data (./data/jwt-secret, or next to LEDGER_DATA_DIR): run it from the
                directory the service runs in. JWT_ISSUER and JWT_AUDIENCE, if set, become iss and aud.

                Options:
                  --subject <name>        the token's subject, recorded as the actor of every event (default %s)
                  --role <role>           a role, repeatable; one of %s
                  --permission <perm>     a permission, repeatable; one of %s
                                          (no --role and no --permission: the admin role)
                  --ttl <duration>        lifetime, e.g. 30m or 8h (default 1h; at most JWT_MAX_TOKEN_LIFETIME, 24h)
                  --secret-file <path>    the local secret file to sign with instead of ./data/jwt-secret
                  -h, --help              this help

                Example:
                  TOKEN=$(java -jar api/target/stock-ledger.jar mint-token --subject alice --role order-system --ttl 8h)
                  curl -H "Authorization: Bearer $TOKEN" localhost:8080/v1/stock/<product_id>/<warehouse_id>
                """.formatted(MintTokenOptions.DEFAULT_SUBJECT, String.join(", ", new TreeSet<>(roles.keySet())),
                String.join(", ", permissions));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
