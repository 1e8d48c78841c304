package io.stockledger.command.fault;

/**
 * A request the ledger could not decide, with what the client may do about it ({@link #fault()}) and why
 * ({@link #reason()}, a stable word for the problem document and the metrics).
 */
public class LedgerFaultException extends RuntimeException {

    private final LedgerFault fault;
    private final String reason;

    public LedgerFaultException(LedgerFault fault, String reason, String message, Throwable cause) {
        super(message, cause);
        this.fault = fault;
        this.reason = reason;
    }

    public LedgerFault fault() {
        return fault;
    }

    /** e.g. {@code DATABASE_UNAVAILABLE}, {@code OVERLOADED}, {@code DEADLINE_EXCEEDED}, {@code COMMIT_INTERRUPTED}. */
    public String reason() {
        return reason;
    }
}
