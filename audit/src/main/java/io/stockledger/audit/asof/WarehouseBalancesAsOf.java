package io.stockledger.audit.asof;

import io.stockledger.audit.api.BalanceAsOfView;
import io.stockledger.audit.api.LedgerScope;
import io.stockledger.audit.api.WarehouseBalances;
import io.stockledger.audit.store.PerLedger;
import io.stockledger.audit.store.ScopedEvents;
import io.stockledger.audit.store.StoredEvent;
import io.stockledger.audit.store.StoredEvents;
import io.stockledger.events.LedgerId;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A warehouse's ledgers at a past instant, in one pass over its events ({@link ScopedEvents} of the warehouse: one
 * index range, ledger after ledger, each in sequence order), read as the live projections read them
 * ({@link StoredEvents}). Each ledger is folded like {@link BalanceAsOf} until its first event after the instant; its
 * later events are passed over (one statement cannot skip them) without reading their payloads. Only the ledger being
 * folded is in memory.
 */
@Component
class WarehouseBalancesAsOf implements WarehouseBalances {

    private final StoredEvents stored;

    WarehouseBalancesAsOf(StoredEvents stored) {
        this.stored = stored;
    }

    @Override
    public long forEachAsOf(UUID warehouseId, Instant asOf, Consumer<BalanceAsOfView> each) {
        ScopedEvents events = ScopedEvents.of(new LedgerScope(null, warehouseId));
        Long count = stored.inReadOnlyTransaction((ConnectionCallback<Long>) connection -> {
            Ledgers ledgers = new Ledgers(asOf, each);
            stored.forEachLedger(connection, events, ledgers);
            return ledgers.handedOver;
        });
        return count == null ? 0 : count;
    }

    /** The ledger being folded, and what has been handed over so far. */
    private static final class Ledgers implements PerLedger<StoredEvent> {

        private final Instant asOf;
        private final Consumer<BalanceAsOfView> each;
        /** Null while passing over an aggregate that is no stock ledger. */
        private LedgerId ledger;
        private TallyAsOf fold;
        private long handedOver;

        Ledgers(Instant asOf, Consumer<BalanceAsOfView> each) {
            this.asOf = asOf;
            this.each = each;
        }

        @Override
        public void start(String aggregateIdentifier) {
            ledger = LedgerId.tryParse(aggregateIdentifier).orElse(null);
            fold = new TallyAsOf(asOf);
        }

        @Override
        public void accept(StoredEvent event) {
            if (ledger != null) {
                fold.apply(event);
            }
        }

        /** Hands over the ledger just folded, if it had an event by the instant. */
        @Override
        public void finish() {
            if (ledger != null && fold.anyApplied()) {
                each.accept(fold.view(ledger));
                handedOver++;
            }
        }
    }
}
