package io.stockledger.eventstore;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/**
 * The event store's transactions. Its appends and snapshots run in a transaction as before (the caller's, or one of
 * their own). Its reads join a transaction under way, as before, but when none is, they run without one: each is one
 * or two queries that a single statement's snapshot serves as well as a transaction's, at the committed isolation
 * they always ran at.
 *
 * <p>Why: the event store's reader, which follows the head of the store for every processor, reads once per commit
 * (hundreds of times a second under load), and each read's own transaction cost a {@code BEGIN} and a
 * {@code COMMIT}: 2 to 3% of the service's CPU on spread reservations, and a round trip per read. Only the engine's
 * reads are given to {@link #fetchInTransaction}: its writes go through {@link #executeInTransaction}, which is not
 * changed. Other users of Axon's transaction manager (the processors' token claims, which lock rows) keep theirs.
 */
public record ReadsWithoutTransaction(TransactionManager delegate) implements TransactionManager {

    @Override
    public Transaction startTransaction() {
        return delegate.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> read) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return delegate.fetchInTransaction(read);
        }
        return read.get();
    }
}
