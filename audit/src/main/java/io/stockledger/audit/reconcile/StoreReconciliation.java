package io.stockledger.audit.reconcile;

import io.stockledger.audit.api.LedgerScope;
import io.stockledger.audit.api.Reconciliation;
import io.stockledger.audit.api.ReconciliationDifference;
import io.stockledger.audit.api.ReplayProgress;
import io.stockledger.audit.store.PerLedger;
import io.stockledger.audit.store.ScopedEvents;
import io.stockledger.audit.store.StoredEvent;
import io.stockledger.audit.store.StoredEvents;
import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LedgerId;
import io.stockledger.events.effect.LedgerTally;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The reconciliation ({@link Reconciliation}): one pass over the scope's events ({@link ScopedEvents}), ledger after
 * ledger in sequence order through a database cursor, read as the live projections read them (upcast,
 * {@link StoredEvents}), each folded with the event contract's {@link LedgerTally}, the very effects the read models
 * apply; only one ledger is in memory at a time.
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
    private final StoredEvents stored;
    private final Serializer tokenSerializer;
    private final TokenSchema tokenSchema;

    StoreReconciliation(DataSource dataSource, StoredEvents stored, Serializer tokenSerializer,
                        TokenSchema tokenSchema) {
        this.dataSource = dataSource;
        this.stored = stored;
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
        holdReadModelTables(connection);
        ScopedEvents events = ScopedEvents.of(scope);
        progress.total(events.count(connection));
        long processed = ProcessedPosition.of(connection, tokenSerializer, tokenSchema);
        Ledger ledger = new Ledger(connection, processed, progress, differences);
        stored.forEachLedger(connection, events, ledger);
        progress.advanced(ledger.eventsRead, ledger.done, null);
        readModelsWithoutEvents(connection, events, differences);
    }

    /**
     * The read-model tables this reconciliation reads, held (as any read holds them) from before its snapshot is
     * taken. A read-model rebuild swaps new tables in for the live ones; a repeatable-read snapshot taken before that
     * swap would see the new tables without the rows written after it was taken, and report differences that are
     * not there. Held like this, the rebuild copies its rows into these tables instead, which every snapshot reads
     * right. Taking the locks takes no snapshot; the next statement does.
     */
    private static void holdReadModelTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLE stock_balance, stock_movement IN ACCESS SHARE MODE");
        }
    }

    /** Balance rows and journal rows of ledgers the event store has no event of. */
    private static void readModelsWithoutEvents(Connection connection, ScopedEvents scope,
                                                Consumer<ReconciliationDifference> differences)
            throws SQLException {
        forEachRowWithoutEvents(connection, scope,
                "SELECT product_id, warehouse_id, on_hand, reserved, last_sequence FROM stock_balance r", "",
                (ledger, row) -> differences.accept(new ReconciliationDifference("BALANCE_WITHOUT_EVENTS", ledger,
                        row.getLong("last_sequence"), "on_hand", null, row.getString("on_hand"),
                        "the balance read model holds on hand " + row.getLong("on_hand") + ", reserved "
                                + row.getLong("reserved") + " for a ledger with no event in the store")));
        forEachRowWithoutEvents(connection, scope,
                "SELECT product_id, warehouse_id, count(*) AS journal_rows FROM stock_movement r",
                " GROUP BY product_id, warehouse_id",
                (ledger, row) -> differences.accept(new ReconciliationDifference("JOURNAL_WITHOUT_EVENTS", ledger,
                        null, "journal_rows", "0", row.getString("journal_rows"), "the movement journal holds "
                        + row.getLong("journal_rows") + " rows for a ledger with no event in the store")));
    }

    /** Each row of {@code select} (a read-model table aliased {@code r}) whose ledger has no event in the store. */
    private static void forEachRowWithoutEvents(Connection connection, ScopedEvents scope, String select,
                                                String groupBy, LedgerRow action) throws SQLException {
        // the ledger id text of LedgerId, built in SQL so the look-up stays in the database
        String noEvents = """
                NOT EXISTS (SELECT 1 FROM domain_event_entry e
                             WHERE e.aggregate_identifier = r.product_id::text || ':' || r.warehouse_id::text)""";
        try (PreparedStatement statement = scope.readModelRows(connection, select, noEvents, groupBy);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                action.accept(LedgerId.format(rows.getObject("product_id", UUID.class),
                        rows.getObject("warehouse_id", UUID.class)), rows);
            }
        }
    }

    /** What to do with a read-model row, given the id of its ledger. */
    @FunctionalInterface
    private interface LedgerRow {
        void accept(String ledger, ResultSet row) throws SQLException;
    }

    /** The ledger being folded and compared. */
    private static final class Ledger implements PerLedger<StoredEvent> {

        private final Connection connection;
        private final long processed;
        private final ReplayProgress progress;
        private final Consumer<ReconciliationDifference> differences;
        private long eventsRead;
        private long done;
        private String current;
        private LedgerTally tally;
        private long lastSequence;
        /** The last sequence number of this ledger at a global position the processor has certainly applied. */
        private Long certainlyApplied;
        /** What the read models hold for this ledger; null while passing over an aggregate that is no ledger. */
        private ReadModels held;
        private long[] atProcessed;
        private long[] atBalance;
        private long[] atJournal;

        Ledger(Connection connection, long processed, ReplayProgress progress,
               Consumer<ReconciliationDifference> differences) {
            this.connection = connection;
            this.processed = processed;
            this.progress = progress;
            this.differences = differences;
        }

        @Override
        public void start(String aggregate) throws SQLException {
            current = aggregate;
            tally = new LedgerTally();
            lastSequence = -1;
            certainlyApplied = null;
            atProcessed = null;
            atBalance = null;
            atJournal = null;
            LedgerId ledger = LedgerId.tryParse(aggregate).orElse(null);
            held = ledger == null ? null : ReadModels.of(connection, ledger.productId(), ledger.warehouseId());
        }

        @Override
        public void accept(StoredEvent event) {
            progress.advanced(++eventsRead, done, null);
            if (held == null) {
                return; // no stock ledger: nothing to compare
            }
            long sequence = event.sequenceNumber();
            LedgerEvent known = event.ledgerEvent();
            if (known != null) {
                tally.apply(known);
            }
            lastSequence = sequence;
            if (event.globalIndex() <= processed) {
                certainlyApplied = sequence;
                atProcessed = new long[] {tally.onHand(), tally.reserved()};
            }
            if (held.balanceSequence != null && sequence == held.balanceSequence) {
                atBalance = new long[] {tally.onHand(), tally.reserved()};
            }
            if (held.journalMaxSequence != null && sequence == held.journalMaxSequence) {
                atJournal = new long[] {tally.onHand(), tally.reserved()};
            }
        }

        @Override
        public void finish() {
            if (held != null) {
                compareBalance();
                compareJournal();
                done++;
            }
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
}
