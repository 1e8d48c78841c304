package io.stockledger.command.api;

import java.util.UUID;

/** No transfer has this id (or, for a moment after it was requested, the read model has not seen it yet). */
public final class TransferNotFoundException extends LedgerRefusal {

    public TransferNotFoundException(UUID transferId) {
        super(RefusalCode.TRANSFER_NOT_FOUND, "no transfer has id " + transferId);
    }
}
