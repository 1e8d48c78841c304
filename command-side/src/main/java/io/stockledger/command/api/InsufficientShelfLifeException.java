package io.stockledger.command.api;

import java.time.LocalDate;

/**
 * Enough units are available, but not enough of them stay usable until the date the reservation asked for.
 */
public final class InsufficientShelfLifeException extends LedgerRefusal {

    public InsufficientShelfLifeException(int requested, LocalDate minExpiryDate, long availableLongEnough,
                                          long availableAtAll) {
        super(RefusalCode.INSUFFICIENT_SHELF_LIFE,
                "requested " + requested + " usable until at least " + minExpiryDate + " but only "
                        + availableLongEnough + " of the " + availableAtAll + " available are");
    }
}
