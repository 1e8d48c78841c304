package io.stockledger.api.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The embedded default's local JWT secret: generated once, kept, and readable by its owner only. */
class VerificationKeysTest {

    @TempDir
    Path data;

    @Test
    void theGeneratedSecretIsReadableAndWritableByItsOwnerOnly() throws Exception {
        assumeThat(data.getFileSystem().supportedFileAttributeViews()).as("a POSIX file system").contains("posix");
        Path file = data.resolve("nested/jwt-secret");

        String secret = VerificationKeys.readOrCreateLocalSecret(file);

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(file)).isEqualTo(secret);
    }

    @Test
    void anExistingSecretIsReadNotReplaced() throws Exception {
        Path file = data.resolve("jwt-secret");
        Files.writeString(file, "a-secret-someone-kept-of-at-least-32-bytes\n");

        assertThat(VerificationKeys.readOrCreateLocalSecret(file)).isEqualTo("a-secret-someone-kept-of-at-least-32-bytes");
        assertThat(Files.readString(file)).isEqualTo("a-secret-someone-kept-of-at-least-32-bytes\n");
    }

    @Test
    void eachNewSecretIsDrawnAfresh() {
        assertThat(VerificationKeys.readOrCreateLocalSecret(data.resolve("one/jwt-secret")))
                .isNotEqualTo(VerificationKeys.readOrCreateLocalSecret(data.resolve("two/jwt-secret")));
    }
}
