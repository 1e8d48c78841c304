package io.stockledger.loadtest.support;

import io.stockledger.testsupport.LocalPorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL server of the test's own (binaries from Maven, data in a directory of the test, a free port) that the
 * test may stop and start again, crash, or whose connections it may cut, under the service: a database outage
 * without touching the machine's shared server. It commits as a production server does ({@code fsync} and
 * {@code synchronous_commit} on; the library starts it with both off, as a throwaway test database), so that a crash
 * shows what a crash of a real server would.
 */
public final class ControlledPostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres server;

    private ControlledPostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    public static ControlledPostgres start(Path dataDirectory) {
        ControlledPostgres postgres = new ControlledPostgres(dataDirectory, LocalPorts.free());
        postgres.startAgain();
        return postgres;
    }

    public synchronized void startAgain() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(dataDirectory);
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDirectory, e);
        }
    }

    /** The server shuts down (fast mode: sessions are ended, as in a restart or a failover). */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    /**
     * The server crashes: the postmaster and every one of its processes killed at once (SIGKILL), as the kernel's
     * out-of-memory killer or a lost node would, so nothing is shut down in order and whatever was only in the
     * server's memory is gone. {@link #startAgain()} then recovers from the write-ahead log.
     */
    public synchronized void crash() {
        if (server == null) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).getFirst().strip());
            ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
            // the children first listed, then the postmaster killed first: it would restart a child that died
            List<ProcessHandle> children = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            postmaster.onExit().get(10, TimeUnit.SECONDS);
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PostgreSQL's processes did not end", e);
        }
        // releases the library's lock on the directory; its attempt to stop a server already gone is logged, no more
        stop();
    }

    /** Ends every other session on the server, as {@code pg_terminate_backend} does; returns how many. */
    public int terminateOtherConnections() {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                      WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'""")) {
            rows.next();
            return rows.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate connections", e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return "postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username(), "");
    }

    @Override
    public void close() {
        stop();
    }
}
