package io.stockledger.command.api;

import java.time.LocalDate;

/** Units arrived for an existing lot with a different expiry date: one lot has one expiry. */
public final class LotExpiryMismatchException extends LedgerRefusal {

    public LotExpiryMismatchException(String batchNumber, LocalDate known, LocalDate arriving) {
        super(RefusalCode.LOT_EXPIRY_MISMATCH,
                "lot " + batchNumber + " expires " + (known == null ? "never" : known) + " here, not "
                        + (arriving == null ? "never" : arriving));
    }
}
