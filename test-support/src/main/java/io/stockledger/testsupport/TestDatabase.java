package io.stockledger.testsupport;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;

/**
 * A fresh, empty PostgreSQL database for one test class, on a real server: the one named by
 * {@code LEDGER_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, user postgres), or,
 * when no server answers there and a Docker engine exists, a Testcontainers PostgreSQL started once per JVM.
 */
public record TestDatabase(String jdbcUrl, String username, String password) {

    private static final String ADMIN_URL = System.getenv().getOrDefault("LEDGER_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String ADMIN_USER = System.getenv().getOrDefault("LEDGER_TEST_POSTGRES_USER", "postgres");
    private static final String ADMIN_PASSWORD = System.getenv().getOrDefault("LEDGER_TEST_POSTGRES_PASSWORD", "");

    private static Server server;

    /** Where fresh databases are created. */
    private record Server(String adminUrl, String username, String password) {

        String urlOf(String database) {
            int slash = adminUrl.lastIndexOf('/');
            int query = adminUrl.indexOf('?', slash);
            return adminUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
        }
    }

    public static synchronized TestDatabase createFresh() {
        Server target = server();
        // the creation time in the name lets a later run drop only databases that are surely abandoned
        String name = "ledger_test_" + Instant.now().getEpochSecond() + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(target.adminUrl(), target.username(), target.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(target.urlOf(name), target.username(), target.password());
    }

    /**
     * Creates the tables of the given modules with their own migrations ({@code db/migration/<module>} on the
     * classpath), in version order across them, as the service does at startup.
     */
    public TestDatabase migratedFor(String... modules) {
        String[] locations = new String[modules.length];
        for (int i = 0; i < modules.length; i++) {
            locations[i] = "classpath:db/migration/" + modules[i];
        }
        Flyway.configure().dataSource(jdbcUrl, username, password).locations(locations).load().migrate();
        return this;
    }

    /** A connection pool on this database of at most {@code maximumSize} connections; the caller closes it. */
    public HikariDataSource pool(int maximumSize) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(username);
        pool.setPassword(password);
        pool.setMaximumPoolSize(maximumSize);
        return pool;
    }

    private static Server server() {
        if (server == null) {
            server = localServerIfUp();
            if (server == null) {
                server = containerServer();
            }
            dropLeftoversOfEarlierRuns(server);
        }
        return server;
    }

    private static Server localServerIfUp() {
        try (Connection ignored = DriverManager.getConnection(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD)) {
            return new Server(ADMIN_URL, ADMIN_USER, ADMIN_PASSWORD);
        } catch (SQLException notThere) {
            return null;
        }
    }

    @SuppressWarnings("resource") // lives as long as the test JVM
    private static Server containerServer() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17-alpine");
        container.start();
        return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }

    /**
     * Test databases of earlier runs: older than an hour and nobody connected. The age matters: a database another
     * test JVM has just created has no connections yet either.
     */
    private static void dropLeftoversOfEarlierRuns(Server target) {
        try (Connection admin = DriverManager.getConnection(target.adminUrl(), target.username(), target.password());
             Statement statement = admin.createStatement()) {
            var names = new java.util.ArrayList<String>();
            long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
            try (var rows = statement.executeQuery("""
                    SELECT datname FROM pg_database d WHERE datname LIKE 'ledger\\_test\\_%'
                       AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)""")) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    String[] parts = name.split("_");
                    boolean old = parts.length < 4 || !parts[2].matches("\\d+") || Long.parseLong(parts[2]) < anHourAgo;
                    if (old) {
                        names.add(name);
                    }
                }
            }
            for (String name : names) {
                try {
                    statement.execute("DROP DATABASE IF EXISTS " + name);
                } catch (SQLException inUseAfterAll) {
                    // another test JVM just connected to it: leave it
                }
            }
        } catch (SQLException e) {
            // cleaning up is a courtesy, not a precondition
        }
    }
}
