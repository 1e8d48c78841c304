package io.stockledger.api.web.audit;

import io.stockledger.audit.job.AuditJobKind;
import io.stockledger.audit.job.AuditJob;
import io.stockledger.audit.job.AuditJobs;
import io.stockledger.api.security.Caller;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.TraceIdFilter;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.web.problem.Problems;
import io.stockledger.audit.api.ReadModelRebuild;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Set;

/**
 * Rebuilds the read models from the event store, as an audit job (the query side's {@link ReadModelRebuild}): the
 * service answers from the current tables until the rebuilt ones have caught up, then switches in one transaction.
 */
@Tag(name = OpenApiConfiguration.ADMIN)
@RestController
@RequestMapping("/v1/admin/read-models")
record ReadModelRebuildController(AuditJobs jobs, ReadModelRebuild rebuild) {

    @Operation(operationId = "rebuildReadModels", summary = "Rebuild the read models", description = """
            Rebuilds the balances, reservations and movement journal from the event store, in the background: \
            every event is replayed through the read-model projections into shadow copies of their tables while \
            the service goes on answering from (and updating) the current ones; once the copies have caught up and \
            been indexed, they take the current tables' place in one transaction, and the read-model processor \
            continues from there. Readers never see a partly rebuilt model. Answers at once with the job (`kind` \
            `REBUILD`, stages `PREPARING`, `REPLAYING`, `INDEXING`, `SWITCHING`): follow it at `Location` (which \
            needs `audit:read`). \
            One rebuild at a time across all instances. What a reconciliation found wrong in a read model is \
            repaired by it; see docs/audit.md for its cost.""")
    @AuditJobStartedResponse("The rebuild, started.")
    @ApiResponse(responseCode = "409", description = """
            `REBUILD_IN_PROGRESS`: a rebuild is already running; `job_id` names it.""")
    @ApiResponse(responseCode = "422", description = "An unknown query parameter.")
    @ApiResponse(responseCode = "503", description = """
            `LEDGER_UNAVAILABLE`: the database could not be reached, or this instance already runs as many audit \
            jobs as it may; retrying later is safe.""")
    @RequiresPermission(Permission.AUDIT_ADMIN)
    @PostMapping("/rebuild")
    ResponseEntity<?> rebuild(HttpServletRequest request) {
        AuditParameters.onlyKnown(request, Set.of());
        try {
            AuditJob job = jobs.start(AuditJobKind.REBUILD, null, null,
                    Caller.current().orElseThrow().subject(), TraceIdFilter.traceIdOf(request), "PREPARING",
                    rebuild::run);
            return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(AuditJobController.JOBS
                    + job.jobId())).body(AuditJobResponse.of(job));
        } catch (AuditJobs.AlreadyRunning running) {
            ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "REBUILD_IN_PROGRESS", "Rebuild in progress",
                    "a rebuild of the read models is already running: " + AuditJobController.JOBS + running.jobId(),
                    request);
            problem.setProperty("job_id", running.jobId());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
    }
}
