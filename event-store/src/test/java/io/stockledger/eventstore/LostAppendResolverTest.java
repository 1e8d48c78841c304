package io.stockledger.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import io.stockledger.testsupport.TestDatabase;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's resolver, given what real PostgreSQL reports: an append that met another's row, and one of two appends
 * deadlocked on each other's uncommitted rows, are both an append lost to another writer (Axon retries them on a fresh
 * load); a statement that failed otherwise is not.
 */
class LostAppendResolverTest {

    private final PersistenceExceptionResolver resolver = EventStoreConfiguration.duplicateKeyResolver();
    private final HikariDataSource pool = TestDatabase.createFresh().migratedFor("event-store").pool(3);

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void aDuplicateSequenceNumberIsALostAppend() throws Exception {
        String ledger = UUID.randomUUID().toString();
        try (Connection connection = pool.getConnection()) {
            append(connection, ledger, 0);
            SQLException duplicate = failureOf(() -> append(connection, ledger, 0));

            assertThat(duplicate.getSQLState()).isEqualTo(EventStoreConfiguration.UNIQUE_VIOLATION);
            assertThat(resolver.isDuplicateKeyViolation(duplicate)).isTrue();
        }
    }

    @Test
    void aDeadlockBetweenTwoAppendsIsALostAppendForTheOneRolledBack() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        try (Connection one = pool.getConnection(); Connection other = pool.getConnection()) {
            one.setAutoCommit(false);
            other.setAutoCommit(false);
            append(one, first, 0);
            append(other, second, 0);
            // each now appends to the ledger the other holds uncommitted, in the opposite order: one must lose
            CompletableFuture<SQLException> oneWaits =
                    CompletableFuture.supplyAsync(() -> failureOf(() -> append(one, second, 0)));
            SQLException otherFailure = failureOf(() -> append(other, first, 0));
            if (otherFailure == null) {
                other.commit();
            }
            SQLException oneFailure = oneWaits.get(30, TimeUnit.SECONDS);
            List<SQLException> failures = new ArrayList<>();
            for (SQLException failure : new SQLException[] {oneFailure, otherFailure}) {
                if (failure != null) {
                    failures.add(failure);
                }
            }
            one.rollback();
            other.rollback();

            assertThat(failures).extracting(SQLException::getSQLState)
                    .contains(EventStoreConfiguration.DEADLOCK_DETECTED);
            assertThat(failures).allSatisfy(failure -> assertThat(resolver.isDuplicateKeyViolation(failure)).isTrue());
        }
    }

    @Test
    void anotherFailureIsNot() throws Exception {
        try (Connection connection = pool.getConnection()) {
            SQLException undefinedColumn = failureOf(() -> connection.createStatement()
                    .execute("SELECT no_such_column FROM domain_event_entry"));

            assertThat(resolver.isDuplicateKeyViolation(undefinedColumn)).isFalse();
        }
    }

    private static void append(Connection connection, String ledger, long sequence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                                                time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'StockLedger', '2026-12-07T11:00:00Z', 'test', '1', ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, ledger);
            insert.setLong(3, sequence);
            insert.setBytes(4, "{}".getBytes());
            insert.setBytes(5, "{}".getBytes());
            insert.executeUpdate();
        }
    }

    private interface Statement {
        void run() throws SQLException;
    }

    /** The statement's failure, or null if it succeeded. */
    private static SQLException failureOf(Statement statement) {
        try {
            statement.run();
            return null;
        } catch (SQLException failure) {
            return failure;
        }
    }
}
