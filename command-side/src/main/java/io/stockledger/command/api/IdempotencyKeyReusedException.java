package io.stockledger.command.api;

/** The idempotency key was already used for a different request. */
public final class IdempotencyKeyReusedException extends LedgerRefusal {

    private final String idempotencyKey;

    public IdempotencyKeyReusedException(String idempotencyKey, String detail) {
        super(RefusalCode.IDEMPOTENCY_KEY_REUSED,
                "idempotency key " + idempotencyKey + " was already used for a different request: " + detail);
        this.idempotencyKey = idempotencyKey;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}
