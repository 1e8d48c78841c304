package io.stockledger.audit.job;

/** What an audit job does. */
public enum AuditJobKind {
    /** Recomputes the hash chains and reports the first broken link of each ledger. */
    VERIFY,
    /** Replays the store and compares each ledger with the balance read model and the movement journal. */
    RECONCILE,
    /** Rebuilds the read models from the event store. */
    REBUILD
}
