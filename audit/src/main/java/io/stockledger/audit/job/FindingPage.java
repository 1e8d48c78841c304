package io.stockledger.audit.job;

import java.util.List;
import java.util.UUID;

/** A page of a job's findings in the order found; {@code nextFromFinding} is null when there is no next page yet. */
public record FindingPage(UUID jobId, List<NumberedFinding> findings, Long nextFromFinding) {

    /** A finding with its number in the job, from 1. */
    public record NumberedFinding(long findingNo, AuditFinding finding) {
    }
}
