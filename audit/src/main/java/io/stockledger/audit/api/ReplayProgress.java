package io.stockledger.audit.api;

/** What a long pass over the event store reports while it runs: for the audit jobs that follow it. */
public interface ReplayProgress {

    /** How many events the pass expects to read. */
    void total(long events);

    /** A named stage of the pass. */
    void phase(String phase);

    /** Counters so far; {@code position} is a global store position where that means something, else null. */
    void advanced(long eventsRead, long ledgersDone, Long position);

    /**
     * For a rebuild: how its tables replaced the live ones, {@code SWAPPED} or {@code COPIED}, and for a copy why
     * (null for a swap).
     */
    void tablesSwitched(String method, String reason);
}
