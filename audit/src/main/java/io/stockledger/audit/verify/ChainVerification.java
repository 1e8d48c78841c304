package io.stockledger.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.audit.job.AuditFinding;
import io.stockledger.eventstore.chain.ChainLink;
import io.stockledger.audit.job.JobProgress;
import io.stockledger.audit.job.JobWork;
import io.stockledger.audit.api.LedgerScope;
import io.stockledger.audit.store.PerLedger;
import io.stockledger.audit.store.ScopedEvents;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Recomputes the hash chains of a scope's ledgers from the stored rows of {@code domain_event_entry}: the bytes and
 * texts as stored, no deserialisation, no upcasting, so what is verified is exactly what is kept. Rows come through a
 * database cursor ({@link ScopedEvents}), ledger after ledger in sequence order, and only the ledger being checked is
 * in memory: its expected next sequence number and its last hash.
 *
 * <p>For each ledger, the first broken link is reported and the rest of the ledger skipped (after a break, every
 * later hash differs too, which says nothing more):
 * <ul>
 *   <li>{@code SEQUENCE_GAP}: a sequence number is not the previous one plus one (an event was deleted or renumbered);</li>
 *   <li>{@code MISSING_HASH}: an event without a hash at or after the chain's start (V20), or after a chained one;</li>
 *   <li>{@code HASH_MISMATCH}: the hash recomputed from the stored event and its predecessor's stored hash is not the
 *   stored one (the event, or its hash, was altered).</li>
 * </ul>
 * Events before the chain's start without a hash are counted as unchained, not reported. Everything is read in one
 * repeatable-read, read-only transaction: one consistent snapshot of the store, however long the run.
 */
@Component
public class ChainVerification {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            global_index, aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload,
            payload_revision, payload_type, time_stamp""";

    private final DataSource dataSource;

    ChainVerification(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The work of a verification job over the scope. */
    public JobWork of(LedgerScope scope) {
        return progress -> verify(scope, progress);
    }

    private void verify(LedgerScope scope, JobProgress progress) throws SQLException {
        ScopedEvents events = ScopedEvents.of(scope);
        // a connection of its own, not the thread's transaction: the job's progress is written beside it, and a
        // repeatable-read snapshot must not be shared with anything else
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                long chainStart = chainStart(connection);
                progress.total(events.count(connection));
                Ledger ledger = new Ledger(chainStart, progress);
                events.forEachRow(connection, COLUMNS, ledger);
                progress.advanced(ledger.eventsRead, ledger.ledgersChecked, null);
                progress.unchained(ledger.unchained, chainStart);
            } finally {
                connection.rollback();
            }
        }
    }

    private static long chainStart(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT first_chained_global_index FROM event_chain_start");
             ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("event_chain_start has no row: the store's hash chain has no recorded start");
            }
            return row.getLong(1);
        }
    }

    /** The ledger being checked, and the run's counters. */
    private static final class Ledger implements PerLedger<ResultSet> {

        private final long chainStart;
        private final JobProgress progress;
        private String current;
        private long expectedSequence;
        private String previousHash;
        private boolean chained;
        private boolean broken;
        private long eventsRead;
        private long ledgersChecked;
        private long unchained;

        Ledger(long chainStart, JobProgress progress) {
            this.chainStart = chainStart;
            this.progress = progress;
        }

        @Override
        public void start(String aggregate) {
            current = aggregate;
            expectedSequence = 0;
            previousHash = ChainLink.GENESIS;
            chained = false;
            broken = false;
        }

        @Override
        public void accept(ResultSet row) throws SQLException {
            eventsRead++;
            if (!broken) {
                check(row);
            }
            progress.advanced(eventsRead, ledgersChecked, null);
        }

        private void check(ResultSet row) throws SQLException {
            long sequence = row.getLong("sequence_number");
            long globalIndex = row.getLong("global_index");
            if (sequence != expectedSequence) {
                report("SEQUENCE_GAP", sequence, globalIndex, "sequence_number", Long.toString(expectedSequence),
                        Long.toString(sequence), "the event numbered " + expectedSequence + " is missing: the next "
                                + "stored one is " + sequence + " (at global position " + globalIndex + ")");
                return;
            }
            byte[] metaData = row.getBytes("meta_data");
            JsonNode meta = parse(metaData);
            String stored = meta != null && meta.path(ChainLink.METADATA_KEY).isTextual()
                    ? meta.get(ChainLink.METADATA_KEY).asText() : null;
            if (stored == null && !chained && globalIndex < chainStart) {
                unchained++; // written before the chain began
                expectedSequence++;
                return;
            }
            String recomputed = new ChainLink(previousHash, current, sequence, row.getString("event_identifier"),
                    row.getString("type"), row.getString("payload_type"), row.getString("payload_revision"),
                    row.getString("time_stamp"), text(meta, "actor"), text(meta, "trace_id"),
                    row.getBytes("payload")).hash();
            if (stored == null) {
                report("MISSING_HASH", sequence, globalIndex, ChainLink.METADATA_KEY, recomputed, null,
                        "the event at sequence " + sequence + " (global position " + globalIndex + ") carries no "
                                + "hash" + (meta == null && metaData != null ? " (its metadata is not JSON)" : "")
                                + (globalIndex >= chainStart
                                        ? ", but it was stored after the chain began (global position " + chainStart
                                        + ")" : ", but it follows a chained event of its ledger"));
                return;
            }
            if (!recomputed.equals(stored)) {
                report("HASH_MISMATCH", sequence, globalIndex, ChainLink.METADATA_KEY, recomputed, stored,
                        "the event at sequence " + sequence + " (global position " + globalIndex + ") does not "
                                + "match its hash: it, or its hash, was altered after it was written");
                return;
            }
            previousHash = stored;
            chained = true;
            expectedSequence++;
        }

        private void report(String kind, long sequence, long globalIndex, String field, String expected,
                            String actual, String detail) {
            broken = true;
            progress.finding(AuditFinding.about(current, kind, sequence, globalIndex, field, expected, actual,
                    detail));
        }

        @Override
        public void finish() {
            ledgersChecked++;
        }

        private static JsonNode parse(byte[] json) {
            if (json == null) {
                return null;
            }
            try {
                JsonNode node = JSON.readTree(json);
                return node != null && node.isObject() ? node : null;
            } catch (IOException notJson) {
                return null;
            }
        }

        private static String text(JsonNode meta, String field) {
            if (meta == null || !meta.hasNonNull(field)) {
                return null;
            }
            JsonNode value = meta.get(field);
            return value.isTextual() ? value.asText() : value.toString();
        }
    }
}
