package io.stockledger.api.idempotency;

/**
 * What the store knows about an idempotency key: the fingerprint of the request that first used it, and either
 * that it is still running or the response it got.
 */
public record StoredRequest(String fingerprint, State state, int status, String contentType, byte[] body) {

    public enum State { IN_FLIGHT, COMPLETED }

    public static StoredRequest inFlight(String fingerprint) {
        return new StoredRequest(fingerprint, State.IN_FLIGHT, 0, null, null);
    }

    public static StoredRequest completed(String fingerprint, int status, String contentType, byte[] body) {
        return new StoredRequest(fingerprint, State.COMPLETED, status, contentType, body);
    }
}
