package io.stockledger.audit.api;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Every ledger of one warehouse as it stood at a past instant, folded from the event store like
 * {@link FindBalanceAsOf}, handed over one ledger at a time as its events are read from a database cursor: memory
 * stays constant however many ledgers and events the warehouse has.
 */
public interface WarehouseBalances {

    /**
     * Hands {@code each} the balance at {@code asOf} of every ledger of the warehouse that had an event by then, in
     * aggregate identifier order (product id as text), and returns how many. Ledgers whose first event came later are
     * left out. A {@link RuntimeException} thrown by {@code each} stops the read and is rethrown.
     */
    long forEachAsOf(UUID warehouseId, Instant asOf, Consumer<BalanceAsOfView> each);
}
