package io.stockledger.command.fault;

/**
 * The commit was sent and the connection failed before its answer came back: the transaction may have committed.
 * Thrown in place of the driver's failure so that nobody up the chain takes it for a rollback.
 */
public class CommitOutcomeUnknownException extends RuntimeException {

    public CommitOutcomeUnknownException(Throwable connectionLost) {
        super("the connection was lost while committing; the transaction may or may not have committed: "
                + connectionLost.getMessage(), connectionLost);
    }
}
