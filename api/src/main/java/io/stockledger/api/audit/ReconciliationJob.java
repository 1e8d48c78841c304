package io.stockledger.api.audit;

import io.stockledger.api.audit.job.AuditFinding;
import io.stockledger.api.audit.job.JobWork;
import io.stockledger.api.audit.job.ReplayProgressReport;
import io.stockledger.query.api.LedgerScope;
import io.stockledger.query.api.Reconciliation;
import org.springframework.stereotype.Component;

/** A reconciliation (the query side's {@link Reconciliation}) as an audit job: each difference a finding. */
@Component
class ReconciliationJob {

    private final Reconciliation reconciliation;

    ReconciliationJob(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    JobWork of(LedgerScope scope) {
        return progress -> reconciliation.run(scope, new ReplayProgressReport(progress), difference ->
                progress.finding(AuditFinding.about(difference.aggregateIdentifier(), difference.kind(),
                        difference.sequenceNumber(), null, difference.field(), difference.expected(),
                        difference.actual(), difference.detail())));
    }
}
