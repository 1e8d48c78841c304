package io.stockledger.api.web.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.stockledger.audit.job.AuditFinding;
import io.stockledger.audit.job.FindingPage;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A page of a job's findings, in the order found. */
@Schema(name = "AuditFindings", description = "A page of an audit job's findings, in the order they were found.")
public record AuditFindingsResponse(
        @Schema(requiredMode = REQUIRED, description = "The job.") UUID jobId,
        @Schema(requiredMode = REQUIRED, description = "The findings.") List<Entry> findings,
        @Schema(requiredMode = REQUIRED, types = {"integer", "null"}, format = "int64", description = """
                Pass as `from_finding` to get the next page; `null` when there is none (yet: a running job may \
                still find more).""")
        @JsonInclude(JsonInclude.Include.ALWAYS)
        Long nextFromFinding) {

    static AuditFindingsResponse of(FindingPage page) {
        return new AuditFindingsResponse(page.jobId(), page.findings().stream().map(Entry::of).toList(),
                page.nextFromFinding());
    }

    /** One finding with its number in the job. */
    @Schema(name = "AuditFinding", description = "Something an audit job found wrong.")
    public record Entry(
            @Schema(requiredMode = REQUIRED, description = "Its number in the job, from 1.") long findingNo,
            @Schema(requiredMode = REQUIRED, description = """
                    What is wrong. Verifications: `HASH_MISMATCH`, `MISSING_HASH`, `SEQUENCE_GAP`. Reconciliations: \
                    `BALANCE_MISMATCH`, `BALANCE_MISSING`, `BALANCE_BEHIND`, `BALANCE_WITHOUT_EVENTS`, \
                    `JOURNAL_MISMATCH`, `JOURNAL_INCOMPLETE`, `JOURNAL_BEHIND`, `JOURNAL_WITHOUT_EVENTS`.""",
                    example = "HASH_MISMATCH")
            String kind,
            @Schema(requiredMode = REQUIRED, description = "The ledger, as the event store names it.")
            String aggregateIdentifier,
            @Schema(description = "Its product.") UUID productId,
            @Schema(description = "Its warehouse.") UUID warehouseId,
            @Schema(description = "The sequence number concerned.") Long sequenceNumber,
            @Schema(description = "The global store position of the event concerned.") Long globalIndex,
            @Schema(description = "What differs.", example = "chain_hash") String field,
            @Schema(description = "What it should be, recomputed from the event store.") String expected,
            @Schema(description = "What is stored.") String actual,
            @Schema(requiredMode = REQUIRED, description = "The same, in a sentence.") String detail) {

        static Entry of(FindingPage.NumberedFinding numbered) {
            AuditFinding finding = numbered.finding();
            return new Entry(numbered.findingNo(), finding.kind(), finding.aggregateIdentifier(),
                    finding.productId(), finding.warehouseId(), finding.sequenceNumber(), finding.globalIndex(),
                    finding.field(), finding.expected(), finding.actual(), finding.detail());
        }
    }
}
