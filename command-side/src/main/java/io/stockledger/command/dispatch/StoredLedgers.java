package io.stockledger.command.dispatch;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the dispatcher needs to tell a refusal decided on a stale cached ledger: the store's last sequence number of
 * a ledger, and a way to drop this instance's cached copy of it.
 */
public interface StoredLedgers {

    /** Nothing is ever found stale: one instance alone, or tests without a store. */
    StoredLedgers NONE = new StoredLedgers() {
        @Override
        public long lastSequence(String ledgerId) {
            return -1;
        }

        @Override
        public void evict(String ledgerId) {
        }
    };

    /** The sequence number of the ledger's last stored event, -1 if it has none; one indexed query. */
    long lastSequence(String ledgerId);

    /** The last sequence number of each of the ledgers, -1 for one without events; one query where the store can. */
    default Map<String, Long> lastSequences(Collection<String> ledgerIds) {
        Map<String, Long> last = new LinkedHashMap<>();
        ledgerIds.forEach(ledgerId -> last.put(ledgerId, lastSequence(ledgerId)));
        return last;
    }

    /** Drops this instance's cached copy of the ledger, so that its next command loads it from the store. */
    void evict(String ledgerId);
}
