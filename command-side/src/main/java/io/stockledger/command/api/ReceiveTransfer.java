package io.stockledger.command.api;

import io.stockledger.events.ShippedLot;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.UUID;

/** The destination side of a transfer: take the shipped lots in, with their numbers and expiry. */
public record ReceiveTransfer(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        UUID transferId,
        UUID fromWarehouseId,
        List<ShippedLot> lots) implements LedgerCommand {

    public ReceiveTransfer {
        Guard.present("transferId", transferId);
        Guard.present("fromWarehouseId", fromWarehouseId);
        lots = Guard.notEmpty("lots", lots);
    }

    /** The idempotency key under which the destination records this transfer's receipt. */
    public static String receiptKeyOf(UUID transferId) {
        return "transfer-receipt:" + transferId;
    }
}
