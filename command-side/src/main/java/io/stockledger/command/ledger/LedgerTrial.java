package io.stockledger.command.ledger;

import io.stockledger.command.api.InsufficientShelfLifeException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.PickingPolicy;
import io.stockledger.command.order.OrderSourcing;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A ledger's stock to try an order's allocations on before anything is decided: a copy of its lots, picked by the
 * ledger's own rules ({@link Lots#toReserve}), so what the trial grants is what the ledger will grant a moment later
 * in the same unit of work. Reserving on it changes only the copy.
 */
final class LedgerTrial implements OrderSourcing.Stock {

    /** The stock of a ledger that does not exist: nothing to reserve. */
    static final OrderSourcing.Stock NONE = new OrderSourcing.Stock() {
        @Override
        public long reservable(LocalDate minExpiry) {
            return 0;
        }

        @Override
        public long usable() {
            return 0;
        }

        @Override
        public boolean reserve(int quantity, LocalDate minExpiry) {
            return false;
        }
    };

    private final Lots lots;
    private final PickingPolicy policy;
    private final Instant now;

    LedgerTrial(Lots lots, PickingPolicy policy, Instant now) {
        this.lots = lots;
        this.policy = policy;
        this.now = now;
    }

    @Override
    public long reservable(LocalDate minExpiry) {
        return lots.unreserved(lot -> lot.isUsableAt(now) && lot.lastsUntil(minExpiry));
    }

    @Override
    public long usable() {
        return lots.availableAt(now);
    }

    @Override
    public boolean reserve(int quantity, LocalDate minExpiry) {
        try {
            lots.reserve(lots.toReserve(quantity, policy, minExpiry, now));
            return true;
        } catch (InsufficientStockException | InsufficientShelfLifeException notEnough) {
            return false;
        }
    }
}
