package io.stockledger.audit.asof;

import io.stockledger.audit.api.BalanceAsOfView;
import io.stockledger.audit.store.StoredEvent;
import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LedgerId;
import io.stockledger.events.effect.LedgerTally;

import java.time.Instant;

/**
 * One ledger folded up to an instant: its events in sequence order, until the first whose own timestamp is after
 * the instant (sequence order is the ledger's order, so nothing later counts). What each event does is the shared
 * {@link LedgerTally}'s; what is blocked is judged on the date of the instant. An event of a type this version does
 * not know moves nothing, but is applied as far as the sequence number goes.
 */
final class TallyAsOf {

    private final Instant asOf;
    private final LedgerTally tally = new LedgerTally();
    private Long sequenceNumber;
    private boolean past;

    TallyAsOf(Instant asOf) {
        this.asOf = asOf;
    }

    /** Applies the ledger's next event if it happened by the instant; false (and nothing more) from then on. */
    boolean apply(StoredEvent event) {
        if (past || event.timestamp().isAfter(asOf)) {
            past = true;
            return false;
        }
        LedgerEvent known = event.ledgerEvent();
        if (known != null) {
            tally.apply(known);
        }
        sequenceNumber = event.sequenceNumber();
        return true;
    }

    /** Whether an event by the instant was applied. */
    boolean anyApplied() {
        return sequenceNumber != null;
    }

    /** The balance at the instant: zeros, with no sequence number, when every event came later. */
    BalanceAsOfView view(LedgerId ledger) {
        long blocked = tally.blockedAt(asOf);
        return new BalanceAsOfView(ledger.productId(), ledger.warehouseId(), asOf, tally.onHand(), tally.reserved(),
                tally.onHand() - tally.reserved() - blocked, sequenceNumber, blocked);
    }
}
