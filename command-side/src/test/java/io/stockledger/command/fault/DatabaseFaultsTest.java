package io.stockledger.command.fault;

import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which failures are database faults, and of which kind, whatever wraps them. */
class DatabaseFaultsTest {

    private static SQLException state(String sqlState) {
        return new SQLException("driver says " + sqlState, sqlState);
    }

    /** How Axon reports every failed append: "already inserted", whatever the cause. */
    private static EventStoreException append(Throwable cause) {
        return new EventStoreException("An event for aggregate [x] at sequence [7] was already inserted", cause);
    }

    @Test
    void aConnectionLostOrRefusedIsUnavailableWhateverWrapsIt() {
        for (String lost : List.of("08000", "08001", "08003", "08006", "57P01", "57P02", "57P03", "53300")) {
            assertThat(DatabaseFaults.classify(append(state(lost)))).as(lost).contains(LedgerFault.UNAVAILABLE);
            assertThat(DatabaseFaults.classify(new JdbcException("Failed to create a SQL statement", state(lost))))
                    .as(lost).contains(LedgerFault.UNAVAILABLE);
        }
        assertThat(DatabaseFaults.classify(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("pool - Connection is not available")))).contains(
                LedgerFault.UNAVAILABLE);
        assertThat(DatabaseFaults.classify(new CannotGetJdbcConnectionException("refused")))
                .contains(LedgerFault.UNAVAILABLE);
    }

    @Test
    void aConnectionThePoolClosedIsLostToo() {
        // Spring reports the failed rollback after a commit whose connection the server terminated
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        assertThat(DatabaseFaults.isConnectionLost(rollbackFailed)).isTrue();
        assertThat(DatabaseFaults.classify(new SQLException("Connection is open"))).isEmpty();
    }

    @Test
    void aRollbackTheServerChoseIsUnavailableToo() {
        assertThat(DatabaseFaults.classify(append(state("40001")))).contains(LedgerFault.UNAVAILABLE);
        assertThat(DatabaseFaults.classify(append(state("40P01")))).contains(LedgerFault.UNAVAILABLE);
    }

    @Test
    void aDuplicateKeyABadStatementOrABugIsNoFault() {
        assertThat(DatabaseFaults.classify(append(state("23505")))).isEmpty();
        assertThat(DatabaseFaults.classify(new DuplicateKeyException("dup", state("23505")))).isEmpty();
        assertThat(DatabaseFaults.classify(append(state("42P01")))).as("undefined table").isEmpty();
        assertThat(DatabaseFaults.classify(new IllegalStateException("a bug"))).isEmpty();
        assertThat(DatabaseFaults.classify(append(state(null)))).isEmpty();
    }

    @Test
    void theNextExceptionOfABatchStatementCounts() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "08006");
        SQLException wrapper = new SQLException("Batch entry 0 was aborted");
        wrapper.setNextException(batch);
        assertThat(DatabaseFaults.classify(append(wrapper))).contains(LedgerFault.UNAVAILABLE);
    }

    @Test
    void aCommitWhoseOutcomeIsUnknownIsSoEvenIfWrappedAgain() {
        CommitOutcomeUnknownException unknown = new CommitOutcomeUnknownException(state("08006"));
        assertThat(DatabaseFaults.classify(unknown)).contains(LedgerFault.OUTCOME_UNKNOWN);
        assertThat(DatabaseFaults.classify(new RuntimeException("batch failed", unknown)))
                .contains(LedgerFault.OUTCOME_UNKNOWN);
    }

    @Test
    void aConnectionLostWhileCommittingLeavesTheOutcomeUnknownAndAnyOtherCommitFailureIsItself() {
        List<String> steps = new ArrayList<>();
        TransactionManager lostAtCommit = tracking(steps, new TransactionSystemException("JDBC commit failed",
                state("08006")));
        assertThatThrownBy(() -> lostAtCommit.startTransaction().commit())
                .isInstanceOf(CommitOutcomeUnknownException.class);
        assertThat(DatabaseFaults.classify(catching(lostAtCommit))).contains(LedgerFault.OUTCOME_UNKNOWN);

        TransactionManager refusedAtCommit = tracking(steps, new TransactionSystemException("JDBC commit failed",
                state("40001")));
        assertThatThrownBy(() -> refusedAtCommit.startTransaction().commit())
                .as("the server rolled back: a known outcome").isInstanceOf(TransactionSystemException.class);

        TransactionManager fine = tracking(steps, null);
        Transaction transaction = fine.startTransaction();
        transaction.commit();
        transaction.rollback();
        assertThat(steps).endsWith("commit", "rollback");
    }

    private static Throwable catching(TransactionManager manager) {
        try {
            manager.startTransaction().commit();
            return null;
        } catch (RuntimeException failure) {
            return failure;
        }
    }

    private static TransactionManager tracking(List<String> steps, RuntimeException commitFailure) {
        TransactionManager underlying = () -> new Transaction() {
            @Override
            public void commit() {
                steps.add("commit");
                if (commitFailure != null) {
                    throw commitFailure;
                }
            }

            @Override
            public void rollback() {
                steps.add("rollback");
            }
        };
        return new CommitTrackingTransactionManager(underlying, CommitStep.DIRECT);
    }
}
