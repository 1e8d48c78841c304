package io.stockledger.command.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * How large each ledger's last snapshot was, in state entries (reservations, remembered requests, lots), as the
 * snapshotter found it. The snapshot trigger waits for at least that many events before the next one, so snapshot
 * work stays proportional to the events written however large a ledger's state grows.
 */
public class SnapshotSizes {

    /**
     * Ledgers whose last snapshot size is remembered (about a hundred bytes each). Only ledgers larger than the
     * trigger's base threshold are, so this is a bound for safety, not one a catalogue reaches: one forgotten would
     * snapshot at the base threshold again, once, until its next snapshot is recorded.
     */
    static final long LEDGERS_REMEMBERED = 100_000;

    private final Cache<String, Integer> entries;
    private final int baseThreshold;

    /**
     * @param baseThreshold the trigger's own event count: a snapshot with no more entries than that changes nothing
     *                      and is not remembered
     */
    public SnapshotSizes(long maxLedgers, int baseThreshold) {
        this.entries = Caffeine.newBuilder().maximumSize(maxLedgers).build();
        this.baseThreshold = baseThreshold;
    }

    void record(String aggregateIdentifier, int stateEntries) {
        if (stateEntries > baseThreshold) {
            entries.put(aggregateIdentifier, stateEntries);
        } else {
            entries.invalidate(aggregateIdentifier); // it shrank: the base threshold applies again
        }
    }

    /** Entries in the ledger's last snapshot taken here; 0 when none is known. */
    int of(String aggregateIdentifier) {
        Integer known = entries.getIfPresent(aggregateIdentifier);
        return known == null ? 0 : known;
    }
}
