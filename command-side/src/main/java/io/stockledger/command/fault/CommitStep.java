package io.stockledger.command.fault;

import org.axonframework.common.transaction.Transaction;

/**
 * How a transaction's commit is carried out: normally just {@link Transaction#commit()}. A test puts a fault there
 * (a connection terminated just before the commit, or lost just after it) to make an unknown outcome happen
 * deterministically.
 */
@FunctionalInterface
public interface CommitStep {

    CommitStep DIRECT = Transaction::commit;

    void commit(Transaction transaction);
}
