package io.stockledger.audit.verify;

import io.stockledger.audit.api.LedgerScope;

/**
 * The statements that read a scope's events from {@code domain_event_entry}, ledger after ledger, each in sequence
 * order, using the index that serves the scope: the {@code (aggregate_identifier, sequence_number)} key for one
 * ledger and for the whole store, {@code domain_event_entry_warehouse_idx} (V21) for a warehouse.
 */
record ScopedEvents(String where, String orderBy, Object[] arguments) {

    static ScopedEvents of(LedgerScope scope) {
        if (scope.isOneLedger()) {
            return new ScopedEvents(" WHERE aggregate_identifier = ?", " ORDER BY aggregate_identifier, sequence_number",
                    new Object[] {scope.aggregateIdentifier()});
        }
        if (scope.isOneWarehouse()) {
            return new ScopedEvents(" WHERE split_part(aggregate_identifier, ':', 2) = ?",
                    " ORDER BY split_part(aggregate_identifier, ':', 2), aggregate_identifier, sequence_number",
                    new Object[] {scope.warehouseId().toString()});
        }
        return new ScopedEvents("", " ORDER BY aggregate_identifier, sequence_number", new Object[0]);
    }

    String count() {
        return "SELECT count(*) FROM domain_event_entry" + where;
    }

    String select(String columns) {
        return "SELECT " + columns + " FROM domain_event_entry" + where + orderBy;
    }
}
