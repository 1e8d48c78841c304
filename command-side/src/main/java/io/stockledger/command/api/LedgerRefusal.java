package io.stockledger.command.api;

/**
 * The ledger said no: a business rule refused the command. Refusals are checked exceptions on purpose: Axon
 * commits the unit of work for them (nothing was applied after the guard that threw, and anything applied before
 * it, such as overdue reservations expiring, stays), and the cached aggregate is kept warm instead of being
 * evicted as it would be for a rollback.
 */
public abstract sealed class LedgerRefusal extends Exception
        permits InsufficientStockException, ReservationRefusal, IdempotencyKeyReusedException,
                AdjustmentBelowReservedException, StockLedgerNotFoundException, LotNotFoundException,
                LotExpiryMismatchException, InsufficientShelfLifeException, TransferNotFoundException,
                OrderExistsException, OrderNotFoundException, OrderShortageException {

    /** How a client should read the refusal; the REST layer maps it to a status code. */
    public enum Category { CONFLICT, NOT_FOUND, UNPROCESSABLE }

    /** No ledger version was recorded with the refusal (it was not decided by a loaded ledger). */
    public static final long VERSION_UNKNOWN = Long.MIN_VALUE;

    private final RefusalCode code;
    // Not part of the answer: the dispatcher compares it with the store's last sequence number, to tell a refusal
    // decided on a cached copy older than another instance's last append (docs/architecture.md, "Several instances").
    private volatile long decidedAtVersion = VERSION_UNKNOWN;

    protected LedgerRefusal(RefusalCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** A stable, machine-readable code such as {@code INSUFFICIENT_STOCK} ({@link RefusalCode}). */
    public String code() {
        return code.name();
    }

    public Category category() {
        return code.category();
    }

    /**
     * The sequence number of the deciding ledger's last event when it refused (-1: it had none), or
     * {@link #VERSION_UNKNOWN}.
     */
    public long decidedAtVersion() {
        return decidedAtVersion;
    }

    /** Recorded by the ledger that refuses; {@code null} is a ledger without events. */
    public void decidedAtVersion(Long version) {
        this.decidedAtVersion = version == null ? -1 : version;
    }
}
