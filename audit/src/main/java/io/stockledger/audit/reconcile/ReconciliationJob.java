package io.stockledger.audit.reconcile;

import io.stockledger.audit.job.AuditFinding;
import io.stockledger.audit.job.JobWork;
import io.stockledger.audit.api.LedgerScope;
import io.stockledger.audit.api.Reconciliation;
import org.springframework.stereotype.Component;

/** A reconciliation (the query side's {@link Reconciliation}) as an audit job: each difference a finding. */
@Component
public class ReconciliationJob {

    private final Reconciliation reconciliation;

    ReconciliationJob(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    public JobWork of(LedgerScope scope) {
        return progress -> reconciliation.run(scope, progress, difference ->
                progress.finding(AuditFinding.about(difference.aggregateIdentifier(), difference.kind(),
                        difference.sequenceNumber(), null, difference.field(), difference.expected(),
                        difference.actual(), difference.detail())));
    }
}
