package io.stockledger.command.api;

import io.stockledger.command.api.LedgerRefusal.Category;

/**
 * Every refusal the ledger answers with, as the stable, machine-readable code clients see (the constant's name, such
 * as {@code INSUFFICIENT_STOCK}), and how a client should read it. One list, so a code and its category are said once
 * and not at each place that refuses.
 */
public enum RefusalCode {

    INSUFFICIENT_STOCK(Category.CONFLICT),
    INSUFFICIENT_SHELF_LIFE(Category.CONFLICT),
    ADJUSTMENT_BELOW_RESERVED(Category.CONFLICT),
    IDEMPOTENCY_KEY_REUSED(Category.UNPROCESSABLE),
    STOCK_LEDGER_NOT_FOUND(Category.NOT_FOUND),
    RESERVATION_NOT_FOUND(Category.NOT_FOUND),
    RESERVATION_ID_TAKEN(Category.CONFLICT),
    /** A reservation is in a state the command cannot move it out of: {@code RESERVATION_} and that state. */
    RESERVATION_PENDING(Category.CONFLICT),
    RESERVATION_CONFIRMED(Category.CONFLICT),
    RESERVATION_RELEASED(Category.CONFLICT),
    RESERVATION_EXPIRED(Category.CONFLICT),
    RESERVED_LOT_UNAVAILABLE(Category.CONFLICT),
    LOT_NOT_FOUND(Category.NOT_FOUND),
    LOT_EXPIRY_MISMATCH(Category.CONFLICT),
    TRANSFER_NOT_FOUND(Category.NOT_FOUND),
    ORDER_EXISTS(Category.CONFLICT),
    ORDER_NOT_FOUND(Category.NOT_FOUND),
    ORDER_LINE_NOT_FOUND(Category.NOT_FOUND);

    private final Category category;

    RefusalCode(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }

    /** The code of a reservation found in {@code status} by a command that needed it pending. */
    static RefusalCode reservationIs(ReservationStatus status) {
        return valueOf("RESERVATION_" + status.name());
    }
}
