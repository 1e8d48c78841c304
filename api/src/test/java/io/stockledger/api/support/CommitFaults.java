package io.stockledger.api.support;

import io.stockledger.command.fault.CommitStep;
import org.axonframework.common.transaction.Transaction;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.TransactionSystemException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults put into the commit of the next ledger command's transaction (a test arms one; only transactions on the
 * gateway's {@code ledger-command} threads are touched, never a read model's): the connection terminated by the
 * server just before the commit (nothing committed), the answer of a commit that went through lost on the way back
 * (committed), or commits held until the test lets them go (a service kept busy).
 */
public final class CommitFaults implements CommitStep {

    public enum Fault { NONE, TERMINATE_BEFORE_COMMIT, LOSE_ANSWER_AFTER_COMMIT, HOLD }

    private final DataSource dataSource;
    private final AtomicReference<Fault> armed = new AtomicReference<>(Fault.NONE);
    private final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch letGo = new CountDownLatch(0);

    public CommitFaults(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The next ledger command's commit meets this fault (HOLD: every one, until {@link #release()}). */
    public void arm(Fault fault) {
        if (fault == Fault.HOLD) {
            letGo = new CountDownLatch(1);
        }
        armed.set(fault);
    }

    /** Lets held commits go and disarms. */
    public void release() {
        armed.set(Fault.NONE);
        letGo.countDown();
    }

    /** Commits waiting in a HOLD right now. */
    public int held() {
        return held.get();
    }

    @Override
    public void commit(Transaction transaction) {
        if (!Thread.currentThread().getName().equals("ledger-command")) {
            transaction.commit();
            return;
        }
        Fault fault = armed.get();
        switch (fault) {
            case TERMINATE_BEFORE_COMMIT -> {
                if (armed.compareAndSet(fault, Fault.NONE)) {
                    terminateThisTransactionsBackend();
                }
                transaction.commit();
            }
            case LOSE_ANSWER_AFTER_COMMIT -> {
                transaction.commit();
                if (armed.compareAndSet(fault, Fault.NONE)) {
                    throw new TransactionSystemException("JDBC commit failed", new PSQLException(
                            "An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE));
                }
            }
            case HOLD -> {
                held.incrementAndGet();
                try {
                    letGo.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held.decrementAndGet();
                }
                transaction.commit();
            }
            case NONE -> transaction.commit();
        }
    }

    /** The server ends the backend of this thread's transaction, from another connection, and it is gone. */
    private void terminateThisTransactionsBackend() {
        Connection mine = DataSourceUtils.getConnection(dataSource);
        try {
            int pid;
            try (PreparedStatement statement = mine.prepareStatement("SELECT pg_backend_pid()");
                 ResultSet row = statement.executeQuery()) {
                row.next();
                pid = row.getInt(1);
            }
            try (Connection other = dataSource.getConnection();
                 PreparedStatement terminate = other.prepareStatement("SELECT pg_terminate_backend(?)");
                 PreparedStatement gone = other.prepareStatement(
                         "SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
                terminate.setInt(1, pid);
                terminate.execute();
                gone.setInt(1, pid);
                for (int i = 0; i < 1000; i++) {
                    try (ResultSet count = gone.executeQuery()) {
                        count.next();
                        if (count.getInt(1) == 0) {
                            return;
                        }
                    }
                    Thread.sleep(10);
                }
                throw new IllegalStateException("backend " + pid + " was not terminated");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not terminate the transaction's backend", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            DataSourceUtils.releaseConnection(mine, dataSource);
        }
    }
}
