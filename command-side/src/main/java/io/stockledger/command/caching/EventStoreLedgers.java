package io.stockledger.command.caching;

import io.stockledger.command.dispatch.StoredLedgers;
import org.axonframework.common.caching.Cache;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A ledger's last sequence number as the event store holds it, and this instance's cached copy of it: what the
 * dispatcher compares a refusal's version with, and evicts when the copy was behind.
 */
public record EventStoreLedgers(JdbcTemplate jdbc, Cache ledgers) implements StoredLedgers {

    // the unique key (aggregate_identifier, sequence_number) answers this from its index
    private static final String LAST_SEQUENCE =
            "SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?";
    private static final String LAST_SEQUENCES = """
            SELECT ledger, (SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ledger)
              FROM unnest(?) AS ledger""";

    @Override
    public long lastSequence(String ledgerId) {
        Long last = jdbc.queryForObject(LAST_SEQUENCE, Long.class, ledgerId);
        return last == null ? -1 : last;
    }

    /**
     * One round trip for all of them: a sub-select per ledger, so each is still answered from the end of its index
     * (a {@code GROUP BY} over {@code ANY(?)} would read every event of a busy ledger).
     */
    @Override
    public Map<String, Long> lastSequences(Collection<String> ledgerIds) {
        Map<String, Long> last = new HashMap<>();
        if (ledgerIds.isEmpty()) {
            return last;
        }
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement(LAST_SEQUENCES);
            select.setArray(1, connection.createArrayOf("varchar", ledgerIds.toArray()));
            return select;
        }, row -> {
            long sequence = row.getLong(2);
            last.put(row.getString(1), row.wasNull() ? -1 : sequence);
        });
        return last;
    }

    @Override
    public void evict(String ledgerId) {
        ledgers.remove(ledgerId);
    }
}
