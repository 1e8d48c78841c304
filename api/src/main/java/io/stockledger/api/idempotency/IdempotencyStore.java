package io.stockledger.api.idempotency;

import java.time.Duration;
import java.util.Optional;

/** Where requests sent with an {@code Idempotency-Key} are remembered. */
public interface IdempotencyStore {

    /**
     * Claims the key for a new request, marking it in flight for at most {@code lease}. Returns empty when the claim
     * succeeded (run the request), or what the key already holds.
     */
    Optional<StoredRequest> claim(String key, String fingerprint, Duration lease);

    /** Stores the final response of the claimed request for {@code retention}. */
    void complete(String key, StoredRequest response, Duration retention);

    /** Gives up a claim whose request ended without a response worth replaying (a 5xx), so a retry runs again. */
    void release(String key, String fingerprint);
}
