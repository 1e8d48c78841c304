package io.stockledger.audit.job;

import io.stockledger.audit.api.ReplayProgress;

/**
 * What a running job reports: written to its {@code audit_job} row, where {@code GET /v1/audit/jobs/{job_id}} reads
 * it. Counters are written at most about once a second (and at the end); findings at once.
 *
 * <p>A job's progress is a {@link ReplayProgress}, so a pass over the event store that a job runs (a rebuild, a
 * reconciliation) reports straight onto the job's row.
 */
public interface JobProgress extends ReplayProgress {

    /** Something wrong, recorded at once. */
    void finding(AuditFinding finding);

    /** For verifications: events older than the hash chain, and where the chain begins. */
    void unchained(long events, long chainStartGlobalIndex);
}
