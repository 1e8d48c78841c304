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
     * Ledgers whose last snapshot size is remembered (about a hundred bytes each). One forgotten only snapshots at the
     * trigger's base threshold again, once, until its next snapshot is recorded.
     */
    static final long LEDGERS_REMEMBERED = 100_000;

    private final Cache<String, Integer> entries;

    public SnapshotSizes(long maxLedgers) {
        this.entries = Caffeine.newBuilder().maximumSize(maxLedgers).build();
    }

    void record(String aggregateIdentifier, int stateEntries) {
        entries.put(aggregateIdentifier, stateEntries);
    }

    /** Entries in the ledger's last snapshot taken here; 0 when none is known. */
    int of(String aggregateIdentifier) {
        Integer known = entries.getIfPresent(aggregateIdentifier);
        return known == null ? 0 : known;
    }
}
