package io.stockledger.command.config;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * How large each ledger's last snapshot was, in state entries (reservations, remembered requests, lots), as the
 * snapshotter found it. The snapshot trigger waits for at least that many events before the next one, so snapshot
 * work stays proportional to the events written however large a ledger's state grows.
 */
public class SnapshotSizes {

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
