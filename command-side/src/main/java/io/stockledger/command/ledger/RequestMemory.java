package io.stockledger.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.stockledger.command.api.IdempotencyKeyReusedException;

import java.time.Duration;
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

    /**
     * How long a settled request stays in memory to answer retries (unless {@link #SETTLED_REQUESTS_REMEMBERED}
     * pushes it out first). Beyond it the request registry still refuses a reused key, but the ledger no longer
     * knows the first answer. A constant, not configuration: the memory is
     * rebuilt from events and must come out the same on every replay.
     */
    static final Duration REQUEST_RETENTION = Duration.ofHours(24);

    /**
     * At most this many settled requests are remembered, so a hot SKU's state (and its snapshot) stays small
     * however many requests a day brings: about 250 bytes each. Constant for the same reason as the retention.
     */
    static final int SETTLED_REQUESTS_REMEMBERED = 10_000;

    /** A key whose request has settled, and when. */
    record Settled(String key, Instant at) {
    }

    // not final: restored from snapshots by Jackson
    private HashMap<String, UsedKey> keys = new HashMap<>();
    private ArrayDeque<Settled> settledInOrder = new ArrayDeque<>();

    Optional<UsedKey> lookup(String idempotencyKey) {
        return Optional.ofNullable(keys.get(idempotencyKey));
    }

    /**
     * What a request that comes with a remembered key was first used for, so it can be answered as a retry; empty
     * for a key this ledger does not remember. A key first used for another request is refused: the fingerprint
     * names the kind of request as well as its terms, so a key that received stock never answers a reservation.
     */
    Optional<UsedKey> retryOf(String idempotencyKey, String fingerprint) throws IdempotencyKeyReusedException {
        UsedKey earlier = keys.get(idempotencyKey);
        if (earlier != null && !earlier.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException(idempotencyKey, "first used for: " + earlier.fingerprint());
        }
        return Optional.ofNullable(earlier);
    }

    int size() {
        return keys.size();
    }

    /**
     * Remembers the key of a request that stays open (a pending reservation) until it settles. Returns what the
     * retention forgot meanwhile, as every change below does.
     */
    List<UsedKey> rememberOpen(String idempotencyKey, UsedKey use) {
        keys.put(idempotencyKey, use);
        return forgetWhatRetentionAllows(use.usedAt());
    }

    /** Remembers the key of a request that settled as it was made (a movement, a transfer). */
    List<UsedKey> rememberSettled(String idempotencyKey, UsedKey use) {
        keys.put(idempotencyKey, use);
        return settled(idempotencyKey, use.usedAt());
    }

    /** The request of an open key has settled: from now on the retention counts for it. */
    List<UsedKey> settled(String idempotencyKey, Instant at) {
        settledInOrder.addLast(new Settled(idempotencyKey, at));
        return forgetWhatRetentionAllows(at);
    }

    /**
     * Forgets every key that settled longer than the retention before {@code now}, and the oldest settled keys
     * beyond the limit; returns what they were used for.
     */
    private List<UsedKey> forgetWhatRetentionAllows(Instant now) {
        Instant cutoff = now.minus(REQUEST_RETENTION);
        List<UsedKey> forgotten = new ArrayList<>();
        while (!settledInOrder.isEmpty() && (settledInOrder.peekFirst().at().isBefore(cutoff)
                || settledInOrder.size() > SETTLED_REQUESTS_REMEMBERED)) {
            UsedKey use = keys.remove(settledInOrder.removeFirst().key());
            if (use != null) {
                forgotten.add(use);
            }
        }
        return forgotten;
    }
}
