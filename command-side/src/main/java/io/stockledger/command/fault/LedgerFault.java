package io.stockledger.command.fault;

/**
 * What a client may do about a request the ledger could not decide, the two kinds of answer besides a decision (the
 * third kind, a refusal, is a {@link io.stockledger.command.api.LedgerRefusal}).
 */
public enum LedgerFault {

    /**
     * Nothing was written: the database was out of reach before the write, the service sheds load, or the caller's
     * deadline passed while the command waited. Retrying later (after {@code Retry-After}) is safe.
     */
    UNAVAILABLE("LEDGER_UNAVAILABLE"),

    /**
     * The connection was lost while the transaction was committing: it may or may not have committed, and only the
     * database knows. A retry with the same idempotency key answers the committed outcome if it did, and decides anew
     * if it did not.
     */
    OUTCOME_UNKNOWN("OUTCOME_UNKNOWN");

    private final String code;

    LedgerFault(String code) {
        this.code = code;
    }

    /** The problem document's {@code code}. */
    public String code() {
        return code;
    }
}
