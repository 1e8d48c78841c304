package io.stockledger.audit.store;

import io.stockledger.audit.api.LedgerScope;
import org.springframework.jdbc.UncategorizedSQLException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@link LedgerScope} as SQL: the scope's rows of {@code domain_event_entry}, ledger after ledger, each ledger's in
 * sequence order, through a database cursor, using the {@code (aggregate_identifier, sequence_number)} key; for a
 * warehouse, its ledgers are found first by their opening events ({@code domain_event_entry_opening_by_warehouse_idx}
 * of migration V29, one entry per ledger); and the read-model rows of the same ledgers. Every audit pass over the
 * store (verification, reconciliation, balances as of an instant) reads through here, and {@link #forEachRow} hands
 * the rows over one ledger at a time.
 *
 * <p>The cursor needs what the PostgreSQL driver needs to use one: a connection that does not autocommit (a
 * transaction) and a fetch size ({@value #FETCH_SIZE} rows per round trip).
 */
public final class ScopedEvents {

    /** Rows per round trip of the cursor. */
    public static final int FETCH_SIZE = 500;

    private static final String STORE = "domain_event_entry";
    /**
     * A warehouse's events: its ledgers by their opening event (sequence 0, the only rows the index of migration V29
     * holds; its expression and condition must match this one's exactly for the index to serve it), then each
     * ledger's events by the store's key. Named as the store, so the callers' column names read the same.
     */
    private static final String WAREHOUSE_EVENTS = """
            (SELECT events.* FROM domain_event_entry opening
               JOIN domain_event_entry events ON events.aggregate_identifier = opening.aggregate_identifier
              WHERE split_part(opening.aggregate_identifier, ':', 2) = ? AND opening.sequence_number = 0)\
             AS domain_event_entry""";

    private final String source;
    private final String condition;
    private final String orderBy;
    private final List<Object> arguments;
    private final String readModelCondition;
    private final List<Object> readModelArguments;

    private ScopedEvents(String source, String condition, String orderBy, List<Object> arguments,
                         String readModelCondition, List<Object> readModelArguments) {
        this.source = source;
        this.condition = condition;
        this.orderBy = orderBy;
        this.arguments = arguments;
        this.readModelCondition = readModelCondition;
        this.readModelArguments = readModelArguments;
    }

    public static ScopedEvents of(LedgerScope scope) {
        if (scope.isOneLedger()) {
            return new ScopedEvents(STORE, "aggregate_identifier = ?", "aggregate_identifier, sequence_number",
                    List.of(scope.aggregateIdentifier()), "r.product_id = ? AND r.warehouse_id = ?",
                    List.of(scope.productId(), scope.warehouseId()));
        }
        if (scope.isOneWarehouse()) {
            return new ScopedEvents(WAREHOUSE_EVENTS, null, "aggregate_identifier, sequence_number",
                    List.of(scope.warehouseId().toString()), "r.warehouse_id = ?", List.of(scope.warehouseId()));
        }
        return new ScopedEvents(STORE, null, "aggregate_identifier, sequence_number", List.of(), null, List.of());
    }

    /** How many events the scope has. */
    public long count(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection, "SELECT count(*) FROM " + source, condition,
                null, "", arguments);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The scope's events as stored, with the {@code columns} named, in ledger-then-sequence order: each element is
     * the result set on its row, valid until the next. Close the stream to close the cursor.
     */
    public Stream<ResultSet> rows(Connection connection, String columns) throws SQLException {
        PreparedStatement statement = prepare(connection, "SELECT " + columns + " FROM " + source,
                condition, null, " ORDER BY " + orderBy, arguments);
        try {
            statement.setFetchSize(FETCH_SIZE);
            ResultSet rows = statement.executeQuery();
            return StreamSupport.stream(new Cursor(rows), false).onClose(() -> close(statement));
        } catch (SQLException | RuntimeException e) {
            close(statement);
            throw e;
        }
    }

    /** The scope's events as stored, handed to {@code ledgers} one ledger at a time. */
    public void forEachRow(Connection connection, String columns, PerLedger<ResultSet> ledgers)
            throws SQLException {
        try (Stream<ResultSet> rows = rows(connection, columns)) {
            inLedgers(rows.iterator(), row -> row.getString("aggregate_identifier"), ledgers);
        }
    }

    /**
     * Rows of a read-model table aliased {@code r}, with {@code product_id} and {@code warehouse_id} columns, of the
     * scope's ledgers: {@code select} (up to its {@code FROM}), then {@code extraCondition} if any, then {@code tail}.
     */
    public PreparedStatement readModelRows(Connection connection, String select, String extraCondition, String tail)
            throws SQLException {
        return prepare(connection, select, readModelCondition, extraCondition, tail, readModelArguments);
    }

    /** Hands events that come ledger after ledger to {@code ledgers}, telling it where each ledger starts and ends. */
    static <T> void inLedgers(Iterator<T> events, LedgerOf<T> ledgerOf, PerLedger<T> ledgers) throws SQLException {
        String current = null;
        while (events.hasNext()) {
            T event = events.next();
            String ledger = ledgerOf.apply(event);
            if (!ledger.equals(current)) {
                if (current != null) {
                    ledgers.finish();
                }
                current = ledger;
                ledgers.start(ledger);
            }
            ledgers.accept(event);
        }
        if (current != null) {
            ledgers.finish();
        }
    }

    /** The ledger an event belongs to. */
    @FunctionalInterface
    interface LedgerOf<T> {
        String apply(T event) throws SQLException;
    }

    private static PreparedStatement prepare(Connection connection, String select, String condition,
                                             String extraCondition, String tail, List<Object> arguments)
            throws SQLException {
        List<String> conditions = new ArrayList<>();
        if (condition != null) {
            conditions.add(condition);
        }
        if (extraCondition != null) {
            conditions.add(extraCondition);
        }
        String sql = select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + tail;
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < arguments.size(); i++) {
            statement.setObject(i + 1, arguments.get(i));
        }
        return statement;
    }

    private static void close(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            throw new UncategorizedSQLException("closing the events' cursor", null, e);
        }
    }

    /** A result set as a stream of its rows: the element is the result set itself, on the row just reached. */
    private static final class Cursor extends Spliterators.AbstractSpliterator<ResultSet> {

        private final ResultSet rows;

        Cursor(ResultSet rows) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.rows = rows;
        }

        @Override
        public boolean tryAdvance(Consumer<? super ResultSet> action) {
            try {
                if (!rows.next()) {
                    return false;
                }
            } catch (SQLException e) {
                throw new UncategorizedSQLException("reading the events", null, e);
            }
            action.accept(rows);
            return true;
        }
    }
}
