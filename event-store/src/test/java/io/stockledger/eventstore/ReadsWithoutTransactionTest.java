package io.stockledger.eventstore;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReadsWithoutTransactionTest {

    /** What the wrapped transaction manager was asked to do. */
    private final List<String> asked = new ArrayList<>();

    private final TransactionManager recording = () -> {
        asked.add("start");
        return new Transaction() {
            @Override
            public void commit() {
                asked.add("commit");
            }

            @Override
            public void rollback() {
                asked.add("rollback");
            }
        };
    };

    private final ReadsWithoutTransaction store = new ReadsWithoutTransaction(recording);

    @AfterEach
    void noTransactionLeftMarked() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @Test
    void aReadWithNoTransactionUnderWayStartsNone() {
        String read = store.fetchInTransaction(() -> "events");

        assertThat(read).isEqualTo("events");
        assertThat(asked).isEmpty();
    }

    @Test
    void aReadInsideATransactionJoinsItAsBefore() {
        TransactionSynchronizationManager.setActualTransactionActive(true);

        String read = store.fetchInTransaction(() -> "events");

        assertThat(read).isEqualTo("events");
        assertThat(asked).containsExactly("start", "commit");
    }

    @Test
    void aWriteStillRunsInATransaction() {
        List<String> written = new ArrayList<>();

        store.executeInTransaction(() -> written.add("event"));

        assertThat(written).containsExactly("event");
        assertThat(asked).containsExactly("start", "commit");
    }
}
