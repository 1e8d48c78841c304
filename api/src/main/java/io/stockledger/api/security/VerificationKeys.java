package io.stockledger.api.security;

import io.jsonwebtoken.security.Keys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyFactory;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Decides which key verifies tokens, and refuses to start without a sound one:
 * an RS256 public key if configured; else the HS256 secret, at least 256 bits; else, only in the embedded default
 * (no database URL), a secret generated once and kept beside the embedded data, so `mint-token` can use it too.
 */
public final class VerificationKeys {

    /** HS256 needs a key of at least 256 bits. */
    public static final int MINIMUM_SECRET_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(VerificationKeys.class);

    private VerificationKeys() {
    }

    public static Key resolve(SecuritySettings.Jwt jwt, boolean embeddedDefault) {
        if (present(jwt.publicKey())) {
            return rsaPublicKey(jwt.publicKey());
        }
        if (present(jwt.secret())) {
            return hmacKey(jwt.secret());
        }
        if (embeddedDefault) {
            Path file = Path.of(jwt.localSecretFile()).toAbsolutePath().normalize();
            String secret = readOrCreateLocalSecret(file);
            log.warn("JWT_SECRET is not set: using the local development secret in {}. Mint a token with: "
                    + "java -jar api/target/stock-ledger.jar mint-token --role admin", file);
            return hmacKey(secret);
        }
        throw new InvalidJwtKeyException("Set JWT_SECRET (at least " + MINIMUM_SECRET_BYTES + " bytes) or "
                + "JWT_PUBLIC_KEY: without one the service cannot verify bearer tokens and refuses to start.");
    }

    public static Key hmacKey(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MINIMUM_SECRET_BYTES) {
            throw new InvalidJwtKeyException("JWT_SECRET is " + bytes.length * 8 + " bits; HS256 needs at least "
                    + MINIMUM_SECRET_BYTES * 8 + " (" + MINIMUM_SECRET_BYTES + " bytes). The service refuses to start.");
        }
        return Keys.hmacShaKeyFor(bytes);
    }

    public static String readOrCreateLocalSecret(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[MINIMUM_SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            createReadableByOwnerOnly(file);
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the local JWT secret " + file, e);
        }
    }

    /**
     * Anyone who can read the secret can mint an admin token: the file is created empty with owner-only permissions
     * (0600) before the secret is written into it, so it is never readable by others, whatever the umask. A file
     * system without POSIX permissions (Windows) keeps its own access rules.
     */
    private static void createReadableByOwnerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }

    private static Key rsaPublicKey(String pem) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidJwtKeyException("JWT_PUBLIC_KEY is not a PEM-encoded RSA public key", e);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
