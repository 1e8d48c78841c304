package io.stockledger.api.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The database named by {@code DATABASE_URL} cannot be used: the URL is not a PostgreSQL JDBC URL, the server does
 * not answer, refuses the credentials, or has no such database. Spring reports these as the failure of whichever
 * bean first touched the pool (the idempotency filter, Flyway, ...), with the real cause a hundred lines down.
 */
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public final class DatabaseFailureAnalyzer implements FailureAnalyzer {

    private static final String EMBEDDED_HINT = " Or unset DATABASE_URL to run on the embedded PostgreSQL under "
            + "./data (development only).";

    private final Environment environment;

    public DatabaseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        String url = environment.getProperty("spring.datasource.url", "");
        if (url.isBlank()) {
            return null; // the embedded default: its own analyzers
        }
        DatabaseTarget target = DatabaseTarget.of(url);
        if (!target.isPostgresJdbcUrl() && touchesTheDatabase(failure)) {
            return new FailureAnalysis(
                    "DATABASE_URL '" + target.url() + "' is not a PostgreSQL JDBC URL.",
                    "Write it as jdbc:postgresql://<host>:<port>/<database>, e.g. "
                            + "jdbc:postgresql://localhost:5432/stockledger (not postgres://...), with the user and "
                            + "password in DATABASE_USERNAME and DATABASE_PASSWORD." + EMBEDDED_HINT,
                    failure);
        }
        Optional<SQLException> sql = CauseChain.find(failure, SQLException.class);
        if (sql.isEmpty()) {
            return unreachable(failure, target);
        }
        String state = sql.get().getSQLState() == null ? "" : sql.get().getSQLState();
        String user = environment.getProperty("spring.datasource.username", "");
        return switch (state) {
            case "3D000" -> new FailureAnalysis(
                    "PostgreSQL at " + target.where() + " has no database '" + target.database() + "' (DATABASE_URL).",
                    "Create it (createdb -h " + target.host() + " -p " + target.port() + " -U " + user + " "
                            + target.database() + ", or CREATE DATABASE " + target.database() + ";) or correct the "
                            + "database name in DATABASE_URL. The service creates its tables itself.",
                    sql.get());
            case "28P01", "28000" -> new FailureAnalysis(
                    "PostgreSQL at " + target.where() + " refused user '" + user + "': "
                            + sql.get().getMessage().replaceFirst("^FATAL: ", ""),
                    "Check DATABASE_USERNAME and DATABASE_PASSWORD (and that the server's pg_hba.conf lets this "
                            + "user connect from here).",
                    sql.get());
            default -> Optional.ofNullable(unreachable(failure, target)).orElseGet(() -> new FailureAnalysis(
                    "PostgreSQL at " + target.where() + " (DATABASE_URL) could not be used: "
                            + sql.get().getMessage(),
                    "Check DATABASE_URL, DATABASE_USERNAME and DATABASE_PASSWORD." + EMBEDDED_HINT,
                    sql.get()));
        };
    }

    private static FailureAnalysis unreachable(Throwable failure, DatabaseTarget target) {
        Throwable network = CauseChain.of(failure).stream()
                .filter(cause -> cause instanceof ConnectException || cause instanceof UnknownHostException
                        || cause instanceof NoRouteToHostException || cause instanceof SocketTimeoutException)
                .findFirst().orElse(null);
        if (network == null || !touchesTheDatabase(failure)) {
            return null;
        }
        String reason = network instanceof UnknownHostException ? "the host '" + target.host() + "' is unknown"
                : network instanceof ConnectException ? "the connection was refused" : network.getMessage();
        return new FailureAnalysis(
                "Cannot reach PostgreSQL at " + target.where() + " (DATABASE_URL '" + target.url() + "'): " + reason
                        + ".",
                "Start PostgreSQL there, or correct the host and port in DATABASE_URL." + EMBEDDED_HINT,
                network);
    }

    /** A failure of the data source, the pool or the JDBC driver, not of something that merely ran after them. */
    private static boolean touchesTheDatabase(Throwable failure) {
        return CauseChain.of(failure).stream().anyMatch(cause -> cause instanceof SQLException
                || cause.getClass().getName().startsWith("com.zaxxer.hikari")
                || cause.getClass().getName().startsWith("org.flywaydb")
                || cause.getClass().getName().startsWith("org.postgresql")
                || String.valueOf(cause.getMessage()).contains("'dataSource'")
                || String.valueOf(cause.getMessage()).contains("must start with \"jdbc\""));
    }
}
