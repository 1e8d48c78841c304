package io.stockledger.command.fault;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that tells a database fault from anything else, by what the failure's cause chain holds: the SQL
 * states PostgreSQL and its driver report when a connection cannot be had or is lost, the pool's own failures, and
 * {@link CommitOutcomeUnknownException} for a connection lost while committing.
 *
 * <p>Only SQL state 23505 is a duplicate key: Axon describes every failed append as "already inserted", whatever its
 * cause, so the message says nothing and the state says everything.
 */
public final class DatabaseFaults {

    /** Connection exceptions (class 08): cannot connect, connection failure, connection does not exist. */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    /**
     * admin_shutdown, crash_shutdown, cannot_connect_now: the server terminated the backend, or is stopping or
     * starting.
     */
    private static final Set<String> CONNECTION_LOST_STATES = Set.of("57P01", "57P02", "57P03");

    /**
     * too_many_connections, and the rollbacks a retry resolves: serialization_failure and deadlock_detected, both of
     * which leave nothing written.
     */
    private static final Set<String> RETRY_LATER_STATES = Set.of("53300", "40001", "40P01");

    /** HikariCP's message for a connection it closed, e.g. at a rollback after the server dropped the connection. */
    private static final String POOL_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseFaults() {
    }

    /** The kind of fault the failure is, or empty when it is not a database fault (a refusal, a bug). */
    public static Optional<LedgerFault> classify(Throwable failure) {
        if (has(failure, CommitOutcomeUnknownException.class)) {
            return Optional.of(LedgerFault.OUTCOME_UNKNOWN);
        }
        return isUnavailable(failure) ? Optional.of(LedgerFault.UNAVAILABLE) : Optional.empty();
    }

    /**
     * Whether the failure says the database could not be reached or the connection was lost: whatever the
     * transaction did is rolled back, unless the loss happened during the commit itself (the caller knows that).
     */
    public static boolean isUnavailable(Throwable failure) {
        return finds(failure, true);
    }

    /**
     * Whether the failure says the connection could not be had or was lost (not a rollback the server chose): what a
     * failed commit must be for its outcome to be unknown.
     */
    public static boolean isConnectionLost(Throwable failure) {
        return finds(failure, false);
    }

    private static boolean finds(Throwable failure, boolean orRetryLater) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 64; cause = cause.getCause(), depth++) {
            if (cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessResourceException) {
                return true;
            }
            if (orRetryLater && (cause instanceof TransientDataAccessException || cause instanceof SQLTransientException)) {
                return true; // a timeout, a lock not granted, a rollback the server chose: nothing written, retry
            }
            if (cause instanceof SQLException sql && (isUnavailableState(sql.getSQLState(), orRetryLater)
                    || isUnavailableState(nextState(sql), orRetryLater) || isClosedByThePool(sql))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Whether the SQL state is one of a connection that cannot be had or was lost, or of a rollback to retry. */
    private static boolean isUnavailableState(String sqlState, boolean orRetryLater) {
        return sqlState != null && (sqlState.startsWith(CONNECTION_EXCEPTION_CLASS)
                || CONNECTION_LOST_STATES.contains(sqlState)
                || orRetryLater && RETRY_LATER_STATES.contains(sqlState));
    }

    /**
     * The pool's own report of a connection it closed under its user (it evicted one the server had dropped): an
     * {@link SQLException} without a state, recognisable only by its message.
     */
    private static boolean isClosedByThePool(SQLException sql) {
        return sql.getSQLState() == null && sql.getMessage() != null
                && sql.getMessage().endsWith(POOL_CLOSED_CONNECTION);
    }

    /** A batch statement's driver reports the real failure as the next exception, not as the cause. */
    private static String nextState(SQLException sql) {
        SQLException next = sql.getNextException();
        return next == null || next == sql ? null : next.getSQLState();
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 64; cause = cause.getCause(), depth++) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
