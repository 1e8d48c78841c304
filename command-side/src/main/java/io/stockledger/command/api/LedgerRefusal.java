package io.stockledger.command.api;

/**
 * The ledger said no: a business rule refused the command. Refusals are checked exceptions on purpose: Axon
 * commits the unit of work for them (nothing was applied after the guard that threw, and anything applied before
 * it, such as overdue reservations expiring, stays), and the cached aggregate is kept warm instead of being
 * evicted as it would be for a rollback.
 */
public abstract sealed class LedgerRefusal extends Exception
        permits InsufficientStockException, ReservationExpiredException, ReservationNotPendingException,
                ReservationNotFoundException, ReservationIdTakenException, IdempotencyKeyReusedException, AdjustmentBelowReservedException,
                StockLedgerNotFoundException, LotNotFoundException, LotExpiryMismatchException,
                InsufficientShelfLifeException, ReservedLotUnavailableException, TransferNotFoundException,
                OrderExistsException, OrderNotFoundException, OrderShortageException {

    /** How a client should read the refusal; the REST layer maps it to a status code. */
    public enum Category { CONFLICT, NOT_FOUND, UNPROCESSABLE }

    private final String code;
    private final Category category;

    protected LedgerRefusal(String code, Category category, String message) {
        super(message, null, false, false);
        this.code = code;
        this.category = category;
    }

    /** A stable, machine-readable code such as {@code INSUFFICIENT_STOCK}. */
    public String code() {
        return code;
    }

    public Category category() {
        return category;
    }
}
