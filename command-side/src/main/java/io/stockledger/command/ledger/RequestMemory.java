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
 * <p>A key is remembered while its request is open (a pending reservation) and, after it settled, for a retention
 * window or until a count limit pushes it out, whichever comes first. Settled keys queue up in the order they
 * settled, so forgetting is a walk from the head of the queue and aggregate state stays bounded however busy the
 * SKU is. The cut-off comes from event timestamps and the order of events, so replaying the same events always
 * rebuilds the same memory.
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

    /**
     * Forgets every key that settled before {@code cutoff}, and the oldest settled keys beyond {@code limit};
     * returns what they were used for.
     */
    List<UsedKey> forgetSettled(Instant cutoff, int limit) {
        List<UsedKey> forgotten = new ArrayList<>();
        while (!settledInOrder.isEmpty()
                && (settledInOrder.peekFirst().at().isBefore(cutoff) || settledInOrder.size() > limit)) {
            UsedKey use = keys.remove(settledInOrder.removeFirst().key());
            if (use != null) {
                forgotten.add(use);
            }
        }
        return forgotten;
    }
}
