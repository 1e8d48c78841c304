package io.stockledger.api.web.audit;

import io.stockledger.audit.verify.ChainVerification;
import io.stockledger.audit.job.AuditJob;
import io.stockledger.audit.job.AuditJobKind;
import io.stockledger.audit.job.AuditJobs;
import io.stockledger.audit.reconcile.ReconciliationJob;
import io.stockledger.audit.job.JobWork;
import io.stockledger.api.security.Caller;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.UuidParameter;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.PathIds;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.web.TraceIdFilter;
import io.stockledger.api.web.problem.Problems;
import io.stockledger.audit.api.LedgerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

/**
 * Audit jobs: a verification of the hash chains, or a reconciliation of the read models with the event store, runs in
 * the background ({@link AuditJobs}); the request that starts it is answered 202 with the job, which its
 * {@code Location} then shows with its progress, and whose findings are listed page by page. Why jobs rather than a
 * streamed answer: a whole-store run outlasts any sensible request, its record (who ran it, what it found) should
 * outlive the connection, and any instance can answer for it.
 */
@Tag(name = OpenApiConfiguration.AUDIT)
@ApiResponse(responseCode = "503", description = """
        `LEDGER_UNAVAILABLE`: the database could not be reached, or this instance already runs as many audit jobs as \
        it may (`ledger.audit.concurrent-jobs`, 2); retrying later is safe.""")
@RestController
@RequestMapping("/v1/audit")
record AuditJobController(AuditJobs jobs, ChainVerification verification, ReconciliationJob reconciliation) {

    static final String JOBS = "/v1/audit/jobs/";
    private static final Set<String> FINDING_PARAMETERS = Set.of("from_finding", "limit");
    private static final int MAX_FINDINGS = 1000;
    private static final int DEFAULT_FINDINGS = 100;

    @Operation(operationId = "verifyHashChains", summary = "Verify the hash chains", description = """
            Starts a verification of the event store's hash chains (see docs/audit.md for the definition): of one \
            ledger (`product_id` and `warehouse_id`), of a warehouse (`warehouse_id`), or of every ledger (no body, \
            or `{}`). Each event's hash is recomputed from the stored row and its predecessor's stored hash; for \
            each ledger whose chain is broken, the first broken link is a finding: `HASH_MISMATCH` (the event or \
            its hash was altered; `expected` is the recomputed hash, `actual` the stored one), `MISSING_HASH` or \
            `SEQUENCE_GAP` (an event deleted or renumbered), with the event's `sequence_number` and `global_index`. \
            Events written before the chain began are counted in `unchained_events`. Answers at once with the \
            job; follow it at `Location`.""")
    @AuditJobStartedResponse("The verification, started.")
    @ApiResponse(responseCode = "422", description = "Also for a `product_id` without `warehouse_id`.")
    @RequiresPermission(Permission.AUDIT_READ)
    @PostMapping("/verify")
    ResponseEntity<AuditJobResponse> verify(@Valid @RequestBody(required = false) AuditScopeRequest body,
                                        HttpServletRequest request) {
        LedgerScope scope = AuditScopeRequest.scopeOf(body);
        return started(AuditJobKind.VERIFY, scope, verification.of(scope), request);
    }

    @Operation(operationId = "reconcileReadModels", summary = "Reconcile the read models with the event store",
            description = """
            Starts a reconciliation of one ledger (`product_id` and `warehouse_id`), a warehouse (`warehouse_id`) \
            or every ledger (no body, or `{}`): the event store is replayed ledger by ledger, and each ledger's \
            replayed balance is compared with the balance read model (what `GET /v1/stock/...` answers) and with \
            the sum of its movement journal, each at the sequence number that read model has reached (a read model \
            that merely lags is no difference). Every difference is a finding: `BALANCE_MISMATCH` (per field: \
            `on_hand`, `reserved`), `BALANCE_MISSING`, `BALANCE_BEHIND`, `BALANCE_AHEAD`, \
            `BALANCE_WITHOUT_EVENTS`, `JOURNAL_MISMATCH` (`journal_on_hand`, `journal_reserved`), \
            `JOURNAL_INCOMPLETE`, `JOURNAL_BEHIND`, `JOURNAL_AHEAD`, `JOURNAL_WITHOUT_EVENTS`; `expected` is the \
            replayed value, `actual` the read model's. Answers at once with the job; follow it at `Location`. A \
            rebuild (`POST /v1/admin/read-models/rebuild`) repairs what it finds.""")
    @AuditJobStartedResponse("The reconciliation, started.")
    @ApiResponse(responseCode = "422", description = "Also for a `product_id` without `warehouse_id`.")
    @RequiresPermission(Permission.AUDIT_READ)
    @PostMapping("/reconcile")
    ResponseEntity<AuditJobResponse> reconcile(@Valid @RequestBody(required = false) AuditScopeRequest body,
                                           HttpServletRequest request) {
        LedgerScope scope = AuditScopeRequest.scopeOf(body);
        return started(AuditJobKind.RECONCILE, scope, reconciliation.of(scope), request);
    }

    @Operation(operationId = "getAuditJob", summary = "Follow an audit job", description = """
            A verification, reconciliation or rebuild: its status, stage, counters (`events_read` of \
            `events_total`, `ledgers_checked`, `events_per_second`, `progress`) and how many findings it has so \
            far. A job whose instance stopped while it ran shows as `ABANDONED`.""")
    @ApiResponse(responseCode = "200", description = "The job.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AuditJobResponse.class)))
    @ApiResponse(responseCode = "404", description = "`AUDIT_JOB_NOT_FOUND`: no job has this id.")
    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping("/jobs/{job_id}")
    ResponseEntity<?> job(@UuidParameter("The job's id.")
                          @PathVariable("job_id") String jobId, HttpServletRequest request) {
        UUID id = PathIds.uuid("job_id", jobId);
        AuditParameters.onlyKnown(request, Set.of());
        return jobs.find(id).<ResponseEntity<?>>map(job -> ResponseEntity.ok(AuditJobResponse.of(job))).orElseGet(() -> notFound(id, request));
    }

    @Operation(operationId = "listAuditFindings", summary = "List an audit job's findings", description = """
            What the job found wrong, in the order found, `limit` at a time (1..1000, default 100): pass \
            `next_from_finding` as `from_finding` for the next page. A running job may still add findings after \
            the last page.""")
    @ApiResponse(responseCode = "200", description = "A page of findings.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AuditFindingsResponse.class)))
    @ApiResponse(responseCode = "404", description = "`AUDIT_JOB_NOT_FOUND`: no job has this id.")
    @ApiResponse(responseCode = "422", description = """
            Also for a `from_finding` that is not a positive integer, a `limit` outside 1..1000, or an unknown \
            query parameter.""")
    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping("/jobs/{job_id}/findings")
    ResponseEntity<?> findings(
            @UuidParameter("The job's id.")
            @PathVariable("job_id") String jobId,
            @Parameter(description = "The first finding number to list (from 1).",
                    schema = @Schema(type = "integer", format = "int64", minimum = "1", defaultValue = "1"))
            @RequestParam(name = "from_finding", required = false) String fromFinding,
            @Parameter(description = "At most this many findings.", schema = @Schema(type = "integer",
                    format = "int32", minimum = "1", maximum = "" + MAX_FINDINGS, defaultValue = ""
                    + DEFAULT_FINDINGS))
            @RequestParam(name = "limit", required = false) String limit,
            HttpServletRequest request) {
        UUID id = PathIds.uuid("job_id", jobId);
        AuditParameters.onlyKnown(request, FINDING_PARAMETERS);
        long from = fromFinding == null ? 1 : AuditParameters.nonNegative("from_finding", fromFinding);
        if (from < 1) {
            throw new InvalidParameterException("from_finding", "must be an integer of 1 or more");
        }
        int size = AuditParameters.limit(limit, DEFAULT_FINDINGS, MAX_FINDINGS);
        if (jobs.find(id).isEmpty()) {
            return notFound(id, request);
        }
        return ResponseEntity.ok(AuditFindingsResponse.of(jobs.findings(id, from, size)));
    }

    /** Starts a job in the caller's name and answers 202 with it. */
    ResponseEntity<AuditJobResponse> started(AuditJobKind kind, LedgerScope scope, JobWork work,
                                         HttpServletRequest request) {
        AuditJob job = jobs.start(kind, scope.productId(), scope.warehouseId(),
                Caller.current().orElseThrow().subject(), TraceIdFilter.traceIdOf(request), "READING", work);
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(JOBS + job.jobId()))
                .body(AuditJobResponse.of(job));
    }

    private static ResponseEntity<?> notFound(UUID jobId, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND,
                "AUDIT_JOB_NOT_FOUND", "Audit job not found", "no audit job has the id " + jobId, request));
    }
}
