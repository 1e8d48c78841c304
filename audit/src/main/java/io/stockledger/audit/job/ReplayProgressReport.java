package io.stockledger.audit.job;

import io.stockledger.audit.api.ReplayProgress;

/** The query side's progress callbacks onto a job's progress. */
public record ReplayProgressReport(JobProgress job) implements ReplayProgress {

    @Override
    public void total(long events) {
        job.total(events);
    }

    @Override
    public void phase(String phase) {
        job.phase(phase);
    }

    @Override
    public void advanced(long eventsRead, long ledgersDone, Long position) {
        job.advanced(eventsRead, ledgersDone, position);
    }
}
