package io.stockledger.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's memory of idempotency keys, so a retried request gets its first answer and writes nothing.
 *
 * <p>A key is remembered while its request is open (a pending reservation) and for a retention window after it
 * settled. Settled keys queue up in the order they settled, so forgetting is a walk from the head of the queue and
 * aggregate state stays bounded by the traffic of one window, not by the SKU's whole history. The cut-off comes
 * from event timestamps, so replaying the same events always rebuilds the same memory.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class RequestMemory {

    /** A key whose request has settled, and when. */
    record Settled(String key, Instant at) {
    }

    // not final: restored from snapshots by Jackson
    private HashMap<String, UsedKey> keys = new HashMap<>();
    private ArrayDeque<Settled> settledInOrder = new ArrayDeque<>();

    Optional<UsedKey> lookup(String idempotencyKey) {
        return Optional.ofNullable(keys.get(idempotencyKey));
    }

    int size() {
        return keys.size();
    }

    void remember(String idempotencyKey, UsedKey use) {
        keys.put(idempotencyKey, use);
    }

    void settled(String idempotencyKey, Instant at) {
        settledInOrder.addLast(new Settled(idempotencyKey, at));
    }

    /** Forgets every key that settled before {@code cutoff}; returns what they were used for. */
    List<UsedKey> forgetSettledBefore(Instant cutoff) {
        List<UsedKey> forgotten = new ArrayList<>();
        while (!settledInOrder.isEmpty() && settledInOrder.peekFirst().at().isBefore(cutoff)) {
            UsedKey use = keys.remove(settledInOrder.removeFirst().key());
            if (use != null) {
                forgotten.add(use);
            }
        }
        return forgotten;
    }
}
