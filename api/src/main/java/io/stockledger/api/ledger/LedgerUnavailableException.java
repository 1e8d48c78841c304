package io.stockledger.api.ledger;

/** The ledger could not give an answer in time (database down, overload). The client may retry safely. */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
