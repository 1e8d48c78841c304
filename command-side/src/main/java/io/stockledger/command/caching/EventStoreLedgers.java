package io.stockledger.command.caching;

import io.stockledger.command.dispatch.StoredLedgers;
import org.axonframework.common.caching.Cache;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A ledger's last sequence number as the event store holds it, and this instance's cached copy of it: what the
 * dispatcher compares a refusal's version with, and evicts when the copy was behind.
 */
public record EventStoreLedgers(JdbcTemplate jdbc, Cache ledgers) implements StoredLedgers {

    // the unique key (aggregate_identifier, sequence_number) answers this from its index
    private static final String LAST_SEQUENCE =
            "SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?";

    @Override
    public long lastSequence(String ledgerId) {
        Long last = jdbc.queryForObject(LAST_SEQUENCE, Long.class, ledgerId);
        return last == null ? -1 : last;
    }

    @Override
    public void evict(String ledgerId) {
        ledgers.remove(ledgerId);
    }
}
