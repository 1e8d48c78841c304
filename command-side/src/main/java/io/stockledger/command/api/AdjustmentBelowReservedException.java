package io.stockledger.command.api;

/** A negative adjustment would leave fewer units on hand than are promised to pending reservations. */
public final class AdjustmentBelowReservedException extends LedgerRefusal {

    public AdjustmentBelowReservedException(int quantity, long onHand, long reserved) {
        super("ADJUSTMENT_BELOW_RESERVED", Category.CONFLICT,
                "adjusting by " + quantity + " would leave " + (onHand + quantity) + " on hand, below the "
                        + reserved + " reserved");
    }
}
