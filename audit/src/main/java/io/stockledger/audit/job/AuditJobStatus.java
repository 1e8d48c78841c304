package io.stockledger.audit.job;

/** Where an audit job is. */
public enum AuditJobStatus {
    RUNNING,
    /** Ran to the end; what it found (possibly nothing) is in its findings. */
    SUCCEEDED,
    /** Stopped by an error (in {@code error}); its findings so far are kept. */
    FAILED,
    /** Its instance stopped refreshing its heartbeat (it was stopped or died): it will not finish. */
    ABANDONED
}
