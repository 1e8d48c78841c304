package io.stockledger.command.dispatch;

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

    /** Drops this instance's cached copy of the ledger, so that its next command loads it from the store. */
    void evict(String ledgerId);
}
