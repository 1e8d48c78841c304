package io.stockledger.api.startup;

import io.stockledger.api.StockLedgerApplication;
import io.stockledger.api.support.TestTokens;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A start that fails ends in a report naming the cause and the fix, started as {@code java -jar} starts the
 * service, against real PostgreSQL, ports and data directories: never only a stack trace headed by whichever bean
 * happened to touch the database first.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportTest {

    @TempDir
    Path dataDir;

    @Test
    void aTakenPortIsReportedBeforeAnyDatabaseWork(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            // the database is unreachable too: if the port were checked after it, the report would be about that
            assertThatThrownBy(() -> start("--server.port=" + taken.getLocalPort(),
                    "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closedPort() + "/ledger"))
                    .isInstanceOf(PortUnavailableException.class);

            assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                    .contains("Port " + taken.getLocalPort() + " (PORT) is already in use")
                    .contains("or set PORT to a free port")
                    .doesNotContain("HikariPool-1 - Starting");
        }
    }

    @Test
    void aTakenManagementPortNamesItsOwnVariable(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> start("--management.server.port=" + taken.getLocalPort()))
                    .isInstanceOf(PortUnavailableException.class);

            assertThat(output.getOut()).contains("(MANAGEMENT_SERVER_PORT) is already in use")
                    .contains("or set MANAGEMENT_SERVER_PORT to a free port");
        }
    }

    @Test
    void theEmbeddedPostgresPortTakenIsReportedBeforeItStarts(CapturedOutput output) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> start("--spring.datasource.url=",
                    "--ledger.embedded.data-dir=" + dataDir.resolve("postgres"),
                    "--ledger.embedded.port=" + taken.getLocalPort(), "--ledger.security.jwt.secret="))
                    .isInstanceOf(PortUnavailableException.class);

            assertThat(output.getOut()).contains("Port " + taken.getLocalPort() + " (LEDGER_EMBEDDED_PORT), where "
                            + "the embedded PostgreSQL would listen, is already in use")
                    .contains("give this one its own LEDGER_EMBEDDED_PORT and LEDGER_DATA_DIR");
            assertThat(dataDir.resolve("postgres")).doesNotExist();
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithItsAddress(CapturedOutput output) throws IOException {
        int closed = closedPort();

        assertThatThrownBy(() -> start("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + closed + "/ledger"));

        assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
                .contains("Cannot reach PostgreSQL at 127.0.0.1:" + closed + " (DATABASE_URL "
                        + "'jdbc:postgresql://127.0.0.1:" + closed + "/ledger'): the connection was refused.")
                .contains("Start PostgreSQL there, or correct the host and port in DATABASE_URL.")
                .doesNotContain("Application run failed");
    }

    @Test
    void aPostgresUrlInsteadOfAJdbcUrlSaysHowToWriteIt(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.datasource.url=postgres://ledger:s3cret@127.0.0.1:5432/ledger"));

        assertThat(output.getOut())
                .contains("DATABASE_URL 'postgres://ledger:***@127.0.0.1:5432/ledger' is not a PostgreSQL JDBC URL.")
                .contains("Write it as jdbc:postgresql://<host>:<port>/<database>")
                .doesNotContain("s3cret");
    }

    @Test
    void aMissingDatabaseSaysHowToCreateIt(CapturedOutput output) {
        String url = TestDatabase.createFresh().jdbcUrl();
        String missing = url.substring(0, url.lastIndexOf('/') + 1) + "no_such_ledger_db";

        assertThatThrownBy(() -> start("--spring.datasource.url=" + missing));

        assertThat(output.getOut()).contains("has no database 'no_such_ledger_db' (DATABASE_URL).")
                .contains("CREATE DATABASE no_such_ledger_db;");
    }

    @Test
    void anEmbeddedDataDirectoryInUseSaysWhichAndWhatToDo(CapturedOutput output) throws IOException {
        Path postgresData = Files.createDirectories(dataDir.resolve("postgres"));
        // a data directory some instance initialised (the embedded PostgreSQL skips initdb where it finds a
        // postgresql.conf) and whose lock that instance holds: starting a real first instance costs a minute here
        Files.writeString(postgresData.resolve("postgresql.conf"), "");
        try (FileChannel channel = FileChannel.open(postgresData.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            assertThat(lock.isValid()).isTrue();

            assertThatThrownBy(() -> start("--spring.datasource.url=",
                    "--ledger.embedded.data-dir=" + postgresData, "--ledger.embedded.port=" + closedPort(),
                    "--ledger.security.jwt.secret="));

            assertThat(output.getOut()).contains("The embedded PostgreSQL's data directory " + postgresData
                            + " is in use: another instance of the service runs on it")
                    .contains("give this one its own LEDGER_DATA_DIR and LEDGER_EMBEDDED_PORT");
        }
    }

    @Test
    void aTooShortJwtSecretSaysHowToMakeAGoodOne(CapturedOutput output) {
        assertThatThrownBy(() -> start("--ledger.security.jwt.secret=too-short"));

        assertThat(output.getOut()).contains("JWT_SECRET is 72 bits; HS256 needs at least 256 (32 bytes).")
                .contains("Set JWT_SECRET to a secret of at least 32 bytes")
                .contains("openssl rand -base64 48");
    }

    @Test
    void redisAndNatsUrlsTheClientsCannotUseAreNamed(CapturedOutput output) {
        assertThatThrownBy(() -> start("--ledger.redis.url=localhost:6379"));
        assertThat(output.getOut()).contains("REDIS_URL 'localhost:6379' cannot be used:")
                .contains("Write it as redis://<host>:<port>");

        assertThatThrownBy(() -> start("--ledger.relay.nats-url=nats://localhost:not-a-port"));
        assertThat(output.getOut()).contains("NATS_URL 'nats://localhost:not-a-port' cannot be used:")
                .contains("Write it as nats://<host>:<port>");
    }

    /** The service as java -jar starts it, on a fresh database and free ports unless the arguments say otherwise. */
    private static ConfigurableApplicationContext start(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        for (String fallback : List.of("--server.port=0", "--management.server.port=0",
                "--ledger.security.jwt.secret=" + TestTokens.SECRET)) {
            String key = fallback.substring(0, fallback.indexOf('=') + 1);
            if (all.stream().noneMatch(argument -> argument.startsWith(key))) {
                all.add(fallback);
            }
        }
        if (all.stream().noneMatch(argument -> argument.startsWith("--spring.datasource.url="))) {
            TestDatabase database = TestDatabase.createFresh();
            all.add("--spring.datasource.url=" + database.jdbcUrl());
            all.add("--spring.datasource.username=" + database.username());
            all.add("--spring.datasource.password=" + database.password());
        }
        ConfigurableApplicationContext context = StockLedgerApplication.application().run(all.toArray(String[]::new));
        context.close();
        throw new AssertionError("the service started, but it should have refused to");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
