package io.stockledger.command.api;

/** Nothing was ever received for this product in this warehouse. */
public final class StockLedgerNotFoundException extends LedgerRefusal {

    public StockLedgerNotFoundException(StockLedgerId ledgerId) {
        super(RefusalCode.STOCK_LEDGER_NOT_FOUND, "no stock was ever received for product " + ledgerId.productId()
                        + " in warehouse " + ledgerId.warehouseId());
    }
}
