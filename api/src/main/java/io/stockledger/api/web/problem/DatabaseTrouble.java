package io.stockledger.api.web.problem;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLTransientException;

/**
 * Recognises a failure caused by the database being out of reach for now: the connection pool exhausted, the server
 * down or restarting. Such a request wrote nothing and may be retried, so it is a 503, not an internal error.
 */
final class DatabaseTrouble {

    private DatabaseTrouble() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
