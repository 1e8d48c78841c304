package io.stockledger.api.ledger;

import io.stockledger.command.fault.LedgerFault;
import io.stockledger.command.fault.LedgerFaultException;

/**
 * The service could not answer now and wrote nothing (database out of reach, overload, too many exports at once): a
 * 503 {@code LEDGER_UNAVAILABLE} with {@code Retry-After}. The client may retry safely.
 */
public class LedgerUnavailableException extends LedgerFaultException {

    /** The database could not be reached or read. */
    public static final String DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE";
    /** Beyond capacity: the request was refused before it queued. */
    public static final String OVERLOADED = "OVERLOADED";
    /** Every retry of an append lost its race to another instance. */
    public static final String CONTENDED = "CONTENDED";
    /** A bounded resource (an export slot, an audit job slot) is taken. */
    public static final String BUSY = "BUSY";

    public LedgerUnavailableException(String reason, String message, Throwable cause) {
        super(LedgerFault.UNAVAILABLE, reason, message, cause);
    }

    /** The database could not be reached or read. */
    public LedgerUnavailableException(String message, Throwable cause) {
        this(DATABASE_UNAVAILABLE, message, cause);
    }
}
