package io.stockledger.audit.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.audit.asof.BalanceAsOf;
import io.stockledger.audit.api.LedgerScope;
import io.stockledger.audit.api.Reconciliation;
import io.stockledger.audit.api.ReconciliationDifference;
import io.stockledger.audit.api.ReplayProgress;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The reconciliation ({@link Reconciliation}): one pass over the scope's events, ledger after ledger in sequence order
 * through a database cursor, each folded with {@link BalanceAsOf.Fold}; only one ledger is in memory at a time.
 *
 * <p>Before folding a ledger it looks up what the read models hold for it: the {@code stock_balance} row (balance and
 * {@code last_sequence}) and the journal's row count, sums and highest sequence number. The fold captures its state
 * at those sequence numbers as it passes them, so each read model is compared with the ledger as it stood at the
 * event the read model says it has reached, and a read model that merely lags is not a difference. What the
 * processor has certainly applied ({@link ProcessedPosition}) must be there, else the read model is behind. Everything
 * is read in one repeatable-read, read-only transaction, so events, tokens and read models are one snapshot.
 *
 * <p>After the pass, read-model rows of ledgers that have no event at all are differences too.
 */
@Component
class StoreReconciliation implements Reconciliation {

    private final DataSource dataSource;
    private final Serializer tokenSerializer;
    private final TokenSchema tokenSchema;

    StoreReconciliation(DataSource dataSource, Serializer tokenSerializer, TokenSchema tokenSchema) {
        this.dataSource = dataSource;
        this.tokenSerializer = tokenSerializer;
        this.tokenSchema = tokenSchema;
    }

    @Override
    public void run(LedgerScope scope, ReplayProgress progress, Consumer<ReconciliationDifference> differences) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                reconcile(connection, scope, progress, differences);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("the reconciliation could not read the store", e);
        }
    }

    private void reconcile(Connection connection, LedgerScope scope, ReplayProgress progress,
                           Consumer<ReconciliationDifference> differences) throws SQLException {
        Scoped events = Scoped.events(scope);
        progress.total(count(connection, events));
        long processed = ProcessedPosition.of(connection, tokenSerializer, tokenSchema);
        Ledger ledger = new Ledger(connection, processed, differences);
        long eventsRead = 0;
        try (PreparedStatement statement = events.prepare(connection, """
                SELECT aggregate_identifier, global_index, sequence_number, payload_type, payload
                  FROM domain_event_entry""")) {
            statement.setFetchSize(BalanceAsOf.FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ledger.accept(rows);
                    progress.advanced(++eventsRead, ledger.done, null);
                }
            }
        }
        ledger.finish();
        progress.advanced(eventsRead, ledger.done, null);
        readModelsWithoutEvents(connection, scope, differences);
    }

    private static long count(Connection connection, Scoped events) throws SQLException {
        try (PreparedStatement statement = events.prepareCount(connection);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Balance rows and journal rows of ledgers the event store has no event of. */
    private static void readModelsWithoutEvents(Connection connection, LedgerScope scope,
                                                Consumer<ReconciliationDifference> differences)
            throws SQLException {
        String noEvents = """
                NOT EXISTS (SELECT 1 FROM domain_event_entry e
                             WHERE e.aggregate_identifier = r.product_id::text || ':' || r.warehouse_id::text)""";
        try (PreparedStatement statement = Scoped.readModel(scope).prepare(connection,
                "SELECT product_id, warehouse_id, on_hand, reserved, last_sequence FROM stock_balance r", noEvents,
                "");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String ledger = rows.getString("product_id") + ":" + rows.getString("warehouse_id");
                differences.accept(new ReconciliationDifference("BALANCE_WITHOUT_EVENTS", ledger,
                        rows.getLong("last_sequence"), "on_hand", null, rows.getString("on_hand"),
                        "the balance read model holds on hand " + rows.getLong("on_hand") + ", reserved "
                                + rows.getLong("reserved") + " for a ledger with no event in the store"));
            }
        }
        try (PreparedStatement statement = Scoped.readModel(scope).prepare(connection,
                "SELECT product_id, warehouse_id, count(*) AS journal_rows FROM stock_movement r", noEvents,
                " GROUP BY product_id, warehouse_id");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String ledger = rows.getString("product_id") + ":" + rows.getString("warehouse_id");
                differences.accept(new ReconciliationDifference("JOURNAL_WITHOUT_EVENTS", ledger, null,
                        "journal_rows", "0", rows.getString("journal_rows"), "the movement journal holds "
                        + rows.getLong("journal_rows") + " rows for a ledger with no event in the store"));
            }
        }
    }

    /** The ledger being folded and compared. */
    private static final class Ledger {

        private final Connection connection;
        private final long processed;
        private final Consumer<ReconciliationDifference> differences;
        private long done;
        private String current;
        private BalanceAsOf.Fold fold;
        private long lastSequence;
        /** The last sequence number of this ledger at a global position the processor has certainly applied. */
        private Long certainlyApplied;
        private ReadModels held;
        private long[] atProcessed;
        private long[] atBalance;
        private long[] atJournal;

        Ledger(Connection connection, long processed, Consumer<ReconciliationDifference> differences) {
            this.connection = connection;
            this.processed = processed;
            this.differences = differences;
        }

        void accept(ResultSet row) throws SQLException {
            String aggregate = row.getString("aggregate_identifier");
            if (!aggregate.equals(current)) {
                finish();
                start(aggregate);
            }
            if (held == null) {
                return; // no stock ledger: nothing to compare
            }
            long sequence = row.getLong("sequence_number");
            JsonNode payload = BalanceAsOf.parse(row.getBytes("payload"));
            fold.apply(sequence, row.getString("payload_type"), payload);
            lastSequence = sequence;
            if (row.getLong("global_index") <= processed) {
                certainlyApplied = sequence;
                atProcessed = new long[] {fold.onHand(), fold.reserved()};
            }
            if (held.balanceSequence != null && sequence == held.balanceSequence) {
                atBalance = new long[] {fold.onHand(), fold.reserved()};
            }
            if (held.journalMaxSequence != null && sequence == held.journalMaxSequence) {
                atJournal = new long[] {fold.onHand(), fold.reserved()};
            }
        }

        private void start(String aggregate) throws SQLException {
            current = aggregate;
            fold = new BalanceAsOf.Fold();
            lastSequence = -1;
            certainlyApplied = null;
            atProcessed = null;
            atBalance = null;
            atJournal = null;
            int colon = aggregate.indexOf(':');
            try {
                held = ReadModels.of(connection, UUID.fromString(aggregate.substring(0, colon)),
                        UUID.fromString(aggregate.substring(colon + 1)));
            } catch (IllegalArgumentException | StringIndexOutOfBoundsException notAStockLedger) {
                held = null;
            }
        }

        void finish() {
            if (current != null && held != null) {
                compareBalance();
                compareJournal();
                done++;
            }
            current = null;
        }

        private void compareBalance() {
            if (held.balanceSequence == null) {
                if (certainlyApplied != null) {
                    report("BALANCE_MISSING", certainlyApplied, "on_hand", Long.toString(atProcessed[0]), null,
                            "the balance read model has no row, though the processor has passed the ledger's "
                                    + "events up to sequence " + certainlyApplied + " (on hand " + atProcessed[0]
                                    + ", reserved " + atProcessed[1] + ")");
                }
                return;
            }
            long at = held.balanceSequence;
            if (atBalance == null) {
                report("BALANCE_AHEAD", at, "last_sequence", Long.toString(lastSequence), Long.toString(at),
                        "the balance read model says it applied sequence " + at + ", but the ledger's last event is "
                                + lastSequence);
                return;
            }
            if (atBalance[0] != held.onHand) {
                report("BALANCE_MISMATCH", at, "on_hand", Long.toString(atBalance[0]), Long.toString(held.onHand),
                        "at sequence " + at + " the events give on hand " + atBalance[0] + ", the balance read "
                                + "model holds " + held.onHand);
            }
            if (atBalance[1] != held.reserved) {
                report("BALANCE_MISMATCH", at, "reserved", Long.toString(atBalance[1]), Long.toString(held.reserved),
                        "at sequence " + at + " the events give reserved " + atBalance[1] + ", the balance read "
                                + "model holds " + held.reserved);
            }
            if (certainlyApplied != null && at < certainlyApplied) {
                report("BALANCE_BEHIND", certainlyApplied, "last_sequence", Long.toString(certainlyApplied),
                        Long.toString(at), "the processor has passed sequence " + certainlyApplied + " of this "
                                + "ledger, but the balance read model stopped at " + at);
            }
        }

        private void compareJournal() {
            long rows = held.journalRows;
            long highest = held.journalMaxSequence == null ? -1 : held.journalMaxSequence;
            if (rows > 0 && atJournal == null) {
                report("JOURNAL_AHEAD", highest, "sequence_number", Long.toString(lastSequence),
                        Long.toString(highest), "the movement journal has a row for sequence " + highest + ", but the "
                                + "ledger's last event is " + lastSequence);
                return;
            }
            if (rows > 0) {
                if (rows != highest + 1 || held.journalDistinct != rows) {
                    report("JOURNAL_INCOMPLETE", highest, "journal_rows", Long.toString(highest + 1),
                            Long.toString(rows), "the movement journal should hold one row per event 0.." + highest
                                    + " (" + (highest + 1) + " rows), it holds " + rows + " rows for "
                                    + held.journalDistinct + " sequence numbers");
                }
                if (atJournal[0] != held.journalOnHand) {
                    report("JOURNAL_MISMATCH", highest, "journal_on_hand", Long.toString(atJournal[0]),
                            Long.toString(held.journalOnHand), "the journal's on-hand deltas up to sequence "
                                    + highest + " sum to " + held.journalOnHand + ", the events give "
                                    + atJournal[0]);
                }
                if (atJournal[1] != held.journalReserved) {
                    report("JOURNAL_MISMATCH", highest, "journal_reserved", Long.toString(atJournal[1]),
                            Long.toString(held.journalReserved), "the journal's reserved deltas up to sequence "
                                    + highest + " sum to " + held.journalReserved + ", the events give "
                                    + atJournal[1]);
                }
            }
            if (certainlyApplied != null && highest < certainlyApplied) {
                report("JOURNAL_BEHIND", certainlyApplied, "sequence_number", Long.toString(certainlyApplied),
                        rows == 0 ? null : Long.toString(highest), "the processor has passed sequence "
                                + certainlyApplied + " of this ledger, but the movement journal "
                                + (rows == 0 ? "has no row of it" : "stops at " + highest));
            }
        }

        private void report(String kind, long sequence, String field, String expected, String actual,
                            String detail) {
            differences.accept(new ReconciliationDifference(kind, current, sequence, field, expected, actual,
                    detail));
        }
    }

    /** What the read models hold for one ledger. */
    private record ReadModels(Long balanceSequence, long onHand, long reserved, long journalRows,
                              long journalDistinct, Long journalMaxSequence, long journalOnHand,
                              long journalReserved) {

        static ReadModels of(Connection connection, UUID product, UUID warehouse) throws SQLException {
            Long balanceSequence = null;
            long onHand = 0;
            long reserved = 0;
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT on_hand, reserved, last_sequence FROM stock_balance
                     WHERE product_id = ? AND warehouse_id = ?""")) {
                statement.setObject(1, product);
                statement.setObject(2, warehouse);
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        onHand = row.getLong("on_hand");
                        reserved = row.getLong("reserved");
                        balanceSequence = row.getLong("last_sequence");
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT count(*), count(DISTINCT sequence_number), max(sequence_number),
                           coalesce(sum(on_hand_delta), 0), coalesce(sum(reserved_delta), 0)
                      FROM stock_movement WHERE product_id = ? AND warehouse_id = ?""")) {
                statement.setObject(1, product);
                statement.setObject(2, warehouse);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    long highest = row.getLong(3);
                    return new ReadModels(balanceSequence, onHand, reserved, row.getLong(1), row.getLong(2),
                            row.wasNull() ? null : highest, row.getLong(4), row.getLong(5));
                }
            }
        }
    }

    /** A scope as SQL: the events of its ledgers in ledger-then-sequence order, or its read-model rows. */
    private record Scoped(String condition, String orderBy, List<Object> arguments) {

        static Scoped events(LedgerScope scope) {
            if (scope.isOneLedger()) {
                return new Scoped("aggregate_identifier = ?", " ORDER BY aggregate_identifier, sequence_number",
                        List.of(scope.aggregateIdentifier()));
            }
            if (scope.isOneWarehouse()) {
                // served by domain_event_entry_warehouse_idx (V21)
                return new Scoped("split_part(aggregate_identifier, ':', 2) = ?",
                        " ORDER BY split_part(aggregate_identifier, ':', 2), aggregate_identifier, sequence_number",
                        List.of(scope.warehouseId().toString()));
            }
            return new Scoped(null, " ORDER BY aggregate_identifier, sequence_number", List.of());
        }

        static Scoped readModel(LedgerScope scope) {
            if (scope.isOneLedger()) {
                return new Scoped("r.product_id = ? AND r.warehouse_id = ?", "",
                        List.of(scope.productId(), scope.warehouseId()));
            }
            if (scope.isOneWarehouse()) {
                return new Scoped("r.warehouse_id = ?", "", List.of(scope.warehouseId()));
            }
            return new Scoped(null, "", List.of());
        }

        PreparedStatement prepare(Connection connection, String select) throws SQLException {
            return prepare(connection, select, null, orderBy);
        }

        PreparedStatement prepareCount(Connection connection) throws SQLException {
            return prepare(connection, "SELECT count(*) FROM domain_event_entry", null, "");
        }

        PreparedStatement prepare(Connection connection, String select, String extra, String tail)
                throws SQLException {
            List<String> conditions = new ArrayList<>();
            if (condition != null) {
                conditions.add(condition);
            }
            if (extra != null) {
                conditions.add(extra);
            }
            String sql = select + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + tail;
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 1, arguments.get(i));
            }
            return statement;
        }
    }
}
