package io.stockledger.audit.job;

/**
 * What a running job reports: written to its {@code audit_job} row, where {@code GET /v1/audit/jobs/{job_id}} reads
 * it. Counters are written at most about once a second (and at the end); findings at once.
 */
public interface JobProgress {

    /** How many events the job expects to read (for the progress fraction). */
    void total(long events);

    /** A named stage of the job, e.g. {@code REPLAYING}. */
    void phase(String phase);

    /** Counters so far; {@code position} is a global store position where that means something, else null. */
    void advanced(long eventsRead, long ledgersChecked, Long position);

    /** Something wrong, recorded at once. */
    void finding(AuditFinding finding);

    /** For verifications: events older than the hash chain, and where the chain begins. */
    void unchained(long events, long chainStartGlobalIndex);
}
