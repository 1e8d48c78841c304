package io.stockledger.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * mint-token never prints a token the service would refuse, and every mistake is one line saying what to change:
 * no stack trace, no token, a non-zero exit.
 */
class MintTokenCommandTest {

    private static final Duration DAY = Duration.ofHours(24);
    private static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";

    @TempDir
    Path directory;

    @Test
    void theDefaultIsAnHourOrTheMaximumIfThatIsShorter() {
        assertThat(MintTokenCommand.ttl(null, DAY)).isEqualTo(Duration.ofHours(1));
        assertThat(MintTokenCommand.ttl(null, Duration.ofMinutes(20))).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void aTtlUpToTheMaximumIsTaken() {
        assertThat(MintTokenCommand.ttl("8h", DAY)).isEqualTo(Duration.ofHours(8));
        assertThat(MintTokenCommand.ttl("30m", DAY)).isEqualTo(Duration.ofMinutes(30));
        assertThat(MintTokenCommand.ttl("24h", DAY)).isEqualTo(DAY);
    }

    @Test
    void aTtlBeyondTheMaximumOrNotPositiveOrNotADurationIsRefused() {
        assertThatThrownBy(() -> MintTokenCommand.ttl("25h", DAY)).isInstanceOf(MintTokenUsageException.class)
                .hasMessageContaining("at most 24h").hasMessageContaining("JWT_MAX_TOKEN_LIFETIME");
        assertThatThrownBy(() -> MintTokenCommand.ttl("2h", Duration.ofMinutes(90)))
                .hasMessageContaining("at most 90m");
        assertThatThrownBy(() -> MintTokenCommand.ttl("0s", DAY)).isInstanceOf(MintTokenUsageException.class);
        assertThatThrownBy(() -> MintTokenCommand.ttl("soon", DAY)).isInstanceOf(MintTokenUsageException.class)
                .hasMessage("--ttl 'soon' is not a duration; write e.g. 30m, 8h or PT8H");
    }

    @Test
    void helpPrintsTheOptionsWithTheServicesRolesAndPermissions() {
        Run run = run(Map.of(), "--help");

        assertThat(run.status).isZero();
        assertThat(run.err).isEmpty();
        assertThat(run.out).startsWith("Usage: java -jar stock-ledger.jar mint-token [options]")
                .contains("--subject", "--role", "--permission", "--ttl", "--secret-file", "--help")
                .contains("order-system", "warehouse", "inventory-admin", "auditor", "admin")
                .contains("inventory:transfer", "audit:admin");
        assertThat(run(Map.of(), "-h").out).isEqualTo(run.out);
    }

    @Test
    void anUnknownRoleIsRefusedNamingTheKnownOnes() {
        Run run = run(Map.of("JWT_SECRET", SECRET), "--role", "superuser");

        assertThat(run.status).isEqualTo(MintTokenCommand.USAGE_ERROR);
        assertThat(run.out).isEmpty();
        assertThat(run.err).isEqualTo("""
                mint-token: --role 'superuser' is not one the service knows; use one of admin, auditor, \
                inventory-admin, order-system, warehouse
                Run 'mint-token --help' for the options.
                """);
    }

    @Test
    void anUnknownPermissionOptionOrAMissingValueIsRefused() {
        assertThat(run(Map.of("JWT_SECRET", SECRET), "--permission", "inventory:write").err)
                .startsWith("mint-token: --permission 'inventory:write' is not one the service knows; use one of ")
                .contains("audit:read");
        assertThat(run(Map.of("JWT_SECRET", SECRET), "--rol", "admin").err)
                .startsWith("mint-token: unknown option '--rol'");
        Run missing = run(Map.of("JWT_SECRET", SECRET), "--subject");
        assertThat(missing.status).isEqualTo(MintTokenCommand.USAGE_ERROR);
        assertThat(missing.err).startsWith("mint-token: --subject needs a value");
        assertThat(run(Map.of("JWT_SECRET", SECRET), "--subject", "--role", "admin").err)
                .startsWith("mint-token: --subject needs a value");
    }

    @Test
    void withoutJwtSecretOrALocalSecretNothingIsMintedAndNoSecretIsMadeUp() {
        Path dataDir = directory.resolve("data/postgres");

        Run run = run(Map.of("LEDGER_DATA_DIR", dataDir.toString()), "--role", "admin");

        assertThat(run.status).isEqualTo(MintTokenCommand.CANNOT_SIGN);
        assertThat(run.out).isEmpty();
        assertThat(run.err).startsWith("mint-token: JWT_SECRET is not set and there is no local secret at "
                        + directory.resolve("data/jwt-secret").toAbsolutePath())
                .contains("run mint-token from the directory the service runs in").doesNotContain("Exception");
        assertThat(directory.resolve("data/jwt-secret")).doesNotExist();
    }

    @Test
    void theTokenIsSignedWithTheSecretTheServiceKeepsBesideItsDataDirectory() throws Exception {
        Path dataDir = directory.resolve("elsewhere/postgres");
        Files.createDirectories(dataDir);
        Files.writeString(directory.resolve("elsewhere/jwt-secret"), SECRET);

        Run run = run(Map.of("LEDGER_DATA_DIR", dataDir.toString()), "--subject", "alice", "--role=order-system",
                "--permission", "audit:read", "--ttl", "8h");

        assertThat(run.status).isZero();
        assertThat(run.err).isEmpty();
        Caller caller = verifier().verify(run.out.trim());
        assertThat(caller.subject()).isEqualTo("alice");
        assertThat(caller.permissions()).contains("inventory:reserve", "audit:read").doesNotContain("inventory:admin");
    }

    @Test
    void jwtSecretWinsAndWithoutRolesOrPermissionsTheTokenIsAnAdmins() {
        Run run = run(Map.of("JWT_SECRET", SECRET, "LEDGER_DATA_DIR", directory.resolve("none").toString()));

        assertThat(run.status).isZero();
        Caller caller = verifier().verify(run.out.trim());
        assertThat(caller.subject()).isEqualTo("local-user");
        assertThat(caller.permissions()).contains("inventory:admin", "audit:admin");
    }

    @Test
    void aShortSecretOrAnRsaConfiguredServiceIsExplainedNotSignedFor() {
        Run tooShort = run(Map.of("JWT_SECRET", "short"));
        assertThat(tooShort.status).isEqualTo(MintTokenCommand.CANNOT_SIGN);
        assertThat(tooShort.err).startsWith("mint-token: JWT_SECRET is 40 bits; HS256 needs at least 256");

        Run rsa = run(Map.of("JWT_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----..."));
        assertThat(rsa.status).isEqualTo(MintTokenCommand.CANNOT_SIGN);
        assertThat(rsa.err).startsWith("mint-token: JWT_PUBLIC_KEY is set");
        assertThat(rsa.out).isEmpty();
    }

    private static TokenVerifier verifier() {
        return new TokenVerifier(VerificationKeys.hmacKey(SECRET),
                new TokenPolicy(null, null, Duration.ofSeconds(30), DAY), ConfiguredRoles.fromApplicationYaml(),
                Clock.systemUTC());
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MintTokenCommand.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
