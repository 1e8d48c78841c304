package io.stockledger.audit.asof;

import io.stockledger.audit.api.BalanceAsOfView;
import io.stockledger.audit.api.FindBalanceAsOf;
import io.stockledger.audit.api.LedgerScope;
import io.stockledger.audit.store.ScopedEvents;
import io.stockledger.audit.store.StoredEvent;
import io.stockledger.audit.store.StoredEvents;
import io.stockledger.events.LedgerId;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A ledger's balance at a past instant, folded straight from {@code domain_event_entry} (no read model in between):
 * its events in sequence order, read as the live projections read them (upcast, {@link StoredEvents}), stopping at
 * the first whose own {@code timestamp} is after the instant asked for ({@link TallyAsOf}). The {@code time_stamp}
 * column is not used: it is the time Axon created the message, not the event's own time (the ledger's clock, which
 * the payload carries).
 *
 * <p>What each event does to a balance is defined once, in the event contract's {@code StockEffect}; the live
 * projections, the warehouse-wide as-of ({@link WarehouseBalancesAsOf}) and the reconciliation fold with it too, so
 * none can disagree about an event's effect.
 *
 * <p>Rows are streamed through a cursor inside a read-only transaction, and reading stops at the first event after
 * the instant, so a long history is never held in memory.
 *
 * <p>Snapshots are deliberately not a starting point: they are the aggregate's private state, written by the command
 * side in its own format, and they are not covered by the hash chain, so a balance proved from one would rest on
 * something an auditor cannot check. Folding from the first event is what an auditor can recompute.
 */
@Component
class BalanceAsOf {

    private final StoredEvents stored;

    BalanceAsOf(StoredEvents stored) {
        this.stored = stored;
    }

    /** Empty when the ledger has no event at all; zeros with no sequence number when all its events are later. */
    @QueryHandler
    Optional<BalanceAsOfView> handle(FindBalanceAsOf query) {
        LedgerId ledger = new LedgerId(query.productId(), query.warehouseId());
        ScopedEvents events = ScopedEvents.of(new LedgerScope(query.productId(), query.warehouseId()));
        return stored.inReadOnlyTransaction((ConnectionCallback<Optional<BalanceAsOfView>>) connection -> {
            try (Stream<StoredEvent> history = stored.read(connection, events)) {
                Iterator<StoredEvent> each = history.iterator();
                if (!each.hasNext()) {
                    return Optional.empty();
                }
                TallyAsOf fold = new TallyAsOf(query.asOf());
                boolean byTheInstant = true;
                while (byTheInstant && each.hasNext()) {
                    byTheInstant = fold.apply(each.next());
                }
                return Optional.of(fold.view(ledger));
            }
        });
    }
}
