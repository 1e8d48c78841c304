package io.stockledger.command.api;

/** The command named a lot this SKU has never received. */
public final class LotNotFoundException extends LedgerRefusal {

    public LotNotFoundException(String batchNumber) {
        super(RefusalCode.LOT_NOT_FOUND, "lot " + batchNumber + " was never received for this SKU");
    }
}
