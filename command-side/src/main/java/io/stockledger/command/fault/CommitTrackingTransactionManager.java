package io.stockledger.command.fault;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Axon's transaction manager, knowing when the commit was sent. A connection lost before that rolled the transaction
 * back: the failure surfaces as it is and is classified as the ledger being unavailable. A connection lost during the
 * commit leaves the outcome unknown (the server may have committed and the answer got lost), so that failure becomes a
 * {@link CommitOutcomeUnknownException}, which no layer may take for "nothing was written". The {@link CommitStep}
 * carries out the outermost transaction's commits, the ones that reach the database.
 */
public record CommitTrackingTransactionManager(TransactionManager delegate, CommitStep commitStep)
        implements TransactionManager {

    @Override
    public Transaction startTransaction() {
        // only the outermost transaction's commit goes to the database; one started inside it (the event store's
        // append, a subscribing processor's unit of work) joins it and its commit does nothing
        boolean outermost = !TransactionSynchronizationManager.isActualTransactionActive();
        Transaction transaction = delegate.startTransaction();
        return new Transaction() {
            @Override
            public void commit() {
                if (!outermost) {
                    transaction.commit();
                    return;
                }
                try {
                    commitStep.commit(transaction);
                } catch (RuntimeException failed) {
                    if (DatabaseFaults.isConnectionLost(failed)) {
                        throw new CommitOutcomeUnknownException(failed);
                    }
                    throw failed;
                }
            }

            @Override
            public void rollback() {
                transaction.rollback();
            }
        };
    }
}
