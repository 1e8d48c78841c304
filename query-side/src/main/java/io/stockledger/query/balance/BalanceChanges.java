package io.stockledger.query.balance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/** The balance deltas of one event batch: per SKU, its events' changes in the order they were handled. */
final class BalanceChanges {

    record Key(UUID productId, UUID warehouseId) {
    }

    record Change(long sequence, long onHandDelta, long reservedDelta, Instant at) {
    }

    private final Map<Key, List<Change>> byLedger = new LinkedHashMap<>();

    void add(Key ledger, Change change) {
        byLedger.computeIfAbsent(ledger, key -> new ArrayList<>()).add(change);
    }

    void forEach(BiConsumer<Key, List<Change>> action) {
        byLedger.forEach(action);
    }

    boolean isEmpty() {
        return byLedger.isEmpty();
    }

    Object[] productIds() {
        return byLedger.keySet().stream().map(Key::productId).toArray();
    }

    Object[] warehouseIds() {
        return byLedger.keySet().stream().map(Key::warehouseId).toArray();
    }
}
