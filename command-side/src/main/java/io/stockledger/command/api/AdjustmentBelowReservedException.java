package io.stockledger.command.api;

/** A negative adjustment would leave fewer units on hand (in the SKU or in one lot) than are reserved from it. */
public final class AdjustmentBelowReservedException extends LedgerRefusal {

    public AdjustmentBelowReservedException(int quantity, long onHand, long reserved) {
        super(RefusalCode.ADJUSTMENT_BELOW_RESERVED,
                "adjusting by " + quantity + " would leave " + (onHand + quantity) + " on hand, below the "
                        + reserved + " reserved");
    }

    public AdjustmentBelowReservedException(String batchNumber, int quantity, long lotQuantity, long lotReserved) {
        super(RefusalCode.ADJUSTMENT_BELOW_RESERVED,
                "adjusting lot " + batchNumber + " by " + quantity + " would leave " + (lotQuantity + quantity)
                        + " in it, below the " + lotReserved + " reserved from it");
    }
}
