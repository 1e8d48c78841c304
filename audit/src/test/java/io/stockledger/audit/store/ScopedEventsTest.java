package io.stockledger.audit.store;

import io.stockledger.audit.api.LedgerScope;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A warehouse's events, on the store's real schema (the event store's migrations): exactly that warehouse's, ledger
 * after ledger in sequence order, found through the index of the ledgers' opening events and the store's key.
 */
class ScopedEventsTest {

    private static final UUID HERE = UUID.randomUUID();
    private static final UUID ELSEWHERE = UUID.randomUUID();

    private DriverManagerDataSource dataSource;
    private final List<String> hereInOrder = new ArrayList<>();

    @BeforeEach
    void aStoreOfTwoWarehouses() {
        TestDatabase database = TestDatabase.createFresh().migratedFor("event-store");
        dataSource = new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> here = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (int product = 0; product < 6; product++) {
            UUID id = UUID.randomUUID();
            here.add(id + ":" + HERE);
            elsewhere.add(id + ":" + ELSEWHERE);
        }
        // appended round by round across the ledgers, as a busy store is: no ledger's events lie together
        for (int sequence = 0; sequence < 4; sequence++) {
            for (int ledger = 0; ledger < here.size(); ledger++) {
                append(jdbc, here.get(ledger), sequence);
                append(jdbc, elsewhere.get(ledger), sequence);
            }
        }
        here.stream().sorted().forEach(ledger -> {
            for (int sequence = 0; sequence < 4; sequence++) {
                hereInOrder.add(ledger + "#" + sequence);
            }
        });
    }

    private static void append(JdbcTemplate jdbc, String ledger, int sequence) {
        jdbc.update("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                payload, payload_type, time_stamp)
                VALUES (?, ?, 'StockLedger', ?, '{}'::bytea, 'StockReceived', '2026-12-07T00:00:00Z')""",
                ledger, sequence, UUID.randomUUID().toString());
    }

    @Test
    void aWarehouseHasExactlyItsOwnEventsLedgerAfterLedgerInSequenceOrder() throws SQLException {
        ScopedEvents events = ScopedEvents.of(new LedgerScope(null, HERE));

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertThat(events.count(connection)).isEqualTo(hereInOrder.size());
            assertThat(read(events, connection)).containsExactlyElementsOf(hereInOrder);
            connection.rollback();
        }
    }

    @Test
    void aWarehouseIsFoundThroughTheIndexOfItsLedgersOpeningEvents() throws SQLException {
        ScopedEvents events = ScopedEvents.of(new LedgerScope(null, HERE));

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // a store this small would be read whole anyway; this asks whether an index can serve the scope
                statement.execute("SET LOCAL enable_seqscan = off");
            }
            events.count(connection);
            read(events, connection);

            assertThat(counter(connection, "SELECT seq_scan FROM pg_stat_xact_user_tables "
                    + "WHERE relname = 'domain_event_entry'")).as("sequential scans of the store").isZero();
            assertThat(counter(connection,
                    "SELECT pg_stat_get_xact_numscans('domain_event_entry_opening_by_warehouse_idx'::regclass)"))
                    .as("scans of the opening events' index").isEqualTo(2);
            connection.rollback();
        }
    }

    private static List<String> read(ScopedEvents events, Connection connection) throws SQLException {
        List<String> read = new ArrayList<>();
        try (Stream<ResultSet> rows = events.rows(connection, "aggregate_identifier, sequence_number")) {
            rows.forEach(row -> {
                try {
                    read.add(row.getString("aggregate_identifier") + "#" + row.getLong("sequence_number"));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return read;
    }

    private static long counter(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).as(sql).isTrue();
            return row.getLong(1);
        }
    }
}
