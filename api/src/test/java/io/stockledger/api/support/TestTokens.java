package io.stockledger.api.support;

import io.stockledger.api.security.TokenMinter;
import io.stockledger.api.security.VerificationKeys;

import java.time.Duration;
import java.util.List;

/** Tokens for tests, signed with the secret every test service is started with. */
public final class TestTokens {

    /** 52 bytes: comfortably above HS256's 32-byte minimum. */
    public static final String SECRET = "test-secret-for-the-stock-ledger-suite-0123456789ab";

    private TestTokens() {
    }

    /** A token with the admin role: every permission. */
    public static String admin() {
        return withRoles("test-admin", "admin");
    }

    public static String withPermissions(String subject, String... permissions) {
        return TokenMinter.mint(VerificationKeys.hmacKey(SECRET), subject, List.of(permissions), List.of(),
                Duration.ofMinutes(30), null, null);
    }

    public static String withRoles(String subject, String... roles) {
        return TokenMinter.mint(VerificationKeys.hmacKey(SECRET), subject, List.of(), List.of(roles),
                Duration.ofMinutes(30), null, null);
    }
}
