package io.stockledger.command.ledger;

import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.CrossLedgerBatch;
import io.stockledger.command.groupcommit.LedgerBatchResult;
import io.stockledger.command.groupcommit.LedgerCommandBatch;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides several ledgers' batches in the one unit of work of a {@link CrossLedgerBatch}: each ledger is loaded
 * through the ledgers' repository (its cache, its lock, its snapshots) and handles its batch with its own batch
 * handler, exactly as when the batch is sent alone. Their events are appended when the unit of work commits, in one
 * transaction.
 *
 * <p>A ledger that does not exist is reported, not thrown: loading it changed nothing, so the other ledgers' decisions
 * stand. Anything a ledger throws (refusals never reach here, its batch handler answers them) fails the whole unit
 * of work, as it must: that ledger may have applied events already.
 */
@Component
class CrossLedgerBatchHandler {

    private final Repository<StockLedger> ledgers;

    CrossLedgerBatchHandler(@Qualifier("stockLedgerRepository") Repository<StockLedger> ledgers) {
        this.ledgers = ledgers;
    }

    @CommandHandler
    List<LedgerBatchResult> handle(CrossLedgerBatch crossLedger) throws Exception {
        List<LedgerBatchResult> results = new ArrayList<>(crossLedger.batches().size());
        for (LedgerCommandBatch batch : crossLedger.batches()) {
            Aggregate<StockLedger> ledger;
            try {
                ledger = ledgers.load(batch.ledgerId().toString());
            } catch (AggregateNotFoundException missing) {
                results.add(LedgerBatchResult.ledgerMissing());
                continue;
            }
            @SuppressWarnings("unchecked")
            List<BatchMemberOutcome> outcomes =
                    (List<BatchMemberOutcome>) ledger.handle(GenericCommandMessage.asCommandMessage(batch));
            results.add(LedgerBatchResult.decided(outcomes));
        }
        return results;
    }
}
