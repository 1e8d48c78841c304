package io.stockledger.audit.job;

import java.time.Instant;
import java.util.UUID;

/**
 * An audit job as its row says: what it does, where it is, what it found so far. {@code progress} is
 * {@code eventsRead / eventsTotal} (at most 1) once the total is known. {@code switchMethod} and
 * {@code switchReason}: for a rebuild that reached its switch, how its tables replaced the live ones.
 */
public record AuditJob(UUID jobId, AuditJobKind kind, AuditJobStatus status, String phase, UUID productId,
                       UUID warehouseId, String requestedBy, Instant startedAt, Instant finishedAt, Long eventsTotal,
                       long eventsRead, long ledgersChecked, long findings, double eventsPerSecond, Double progress,
                       Long position, Long unchainedEvents, Long chainStartGlobalIndex, String switchMethod,
                       String switchReason, String error) {
}
