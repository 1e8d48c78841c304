package io.stockledger.api.web.audit;

import io.stockledger.audit.job.AuditJob;
import io.stockledger.audit.job.AuditJobKind;
import io.stockledger.audit.job.AuditJobStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** An audit job as {@code GET /v1/audit/jobs/{job_id}} shows it: what it does, where it is, what it found so far. */
@Schema(name = "AuditJob", description = """
        A verification, reconciliation or rebuild running in the background, or its record once finished.""")
public record AuditJobResponse(
        @Schema(requiredMode = REQUIRED, description = "The job's id.") UUID jobId,
        @Schema(requiredMode = REQUIRED, description = "What the job does.") AuditJobKind kind,
        @Schema(requiredMode = REQUIRED, description = """
                `RUNNING`; `SUCCEEDED` (ran to the end: its findings are complete); `FAILED` (see `error`); \
                `ABANDONED` (its instance stopped while it ran).""")
        AuditJobStatus status,
        @Schema(requiredMode = REQUIRED, description = """
                The stage it is in: `READING` for verifications and reconciliations; `PREPARING`, `REPLAYING`, \
                `INDEXING`, `SWITCHING` for rebuilds; `DONE` at the end.""", example = "READING")
        String phase,
        @Schema(description = "The scope's product; absent for a warehouse or the whole store.")
        UUID productId,
        @Schema(description = "The scope's warehouse; absent for the whole store.")
        UUID warehouseId,
        @Schema(requiredMode = REQUIRED, description = "The token subject that started it.")
        String requestedBy,
        @Schema(requiredMode = REQUIRED, description = "When it started.") Instant startedAt,
        @Schema(description = "When it ended.") Instant finishedAt,
        @Schema(description = "Events in its scope when it started (what `progress` is measured against).")
        Long eventsTotal,
        @Schema(requiredMode = REQUIRED, description = "Events read so far.") long eventsRead,
        @Schema(requiredMode = REQUIRED, description = "Ledgers fully checked so far.") long ledgersChecked,
        @Schema(requiredMode = REQUIRED, description = """
                Findings so far: `GET /v1/audit/jobs/{job_id}/findings` lists them.""")
        long findings,
        @Schema(requiredMode = REQUIRED, description = "Events read per second of the job's running time so far.")
        double eventsPerSecond,
        @Schema(description = "`events_read` / `events_total`, at most 1.", example = "0.5") Double progress,
        @Schema(description = "For rebuilds: the global store position replayed up to.") Long position,
        @Schema(description = """
                For verifications: events in scope written before the hash chain began (not covered by it).""")
        Long unchainedEvents,
        @Schema(description = """
                For verifications: the first global store position whose event must carry a hash.""")
        Long chainStartGlobalIndex,
        @Schema(description = """
                For rebuilds, once switched: `SWAPPED` (the rebuilt tables took the live ones' place, in \
                milliseconds) or `COPIED` (their rows were copied into the live tables; see `switch_reason`).""",
                example = "SWAPPED")
        String switchMethod,
        @Schema(description = """
                For a rebuild that copied: why it could not swap (a live table in use for longer than the \
                switch waits, or something on a live table that a swap would lose, such as a trigger).""")
        String switchReason,
        @Schema(description = "Why it failed.") String error) {

    static AuditJobResponse of(AuditJob job) {
        return new AuditJobResponse(job.jobId(), job.kind(), job.status(), job.phase(), job.productId(),
                job.warehouseId(), job.requestedBy(), job.startedAt(), job.finishedAt(), job.eventsTotal(),
                job.eventsRead(), job.ledgersChecked(), job.findings(), job.eventsPerSecond(), job.progress(),
                job.position(), job.unchainedEvents(), job.chainStartGlobalIndex(), job.switchMethod(),
                job.switchReason(), job.error());
    }
}
