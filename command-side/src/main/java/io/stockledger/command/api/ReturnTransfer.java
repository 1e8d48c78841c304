package io.stockledger.command.api;

import io.stockledger.events.ShippedLot;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.UUID;

/** Compensation: the destination refused a transfer, so the source takes its lots back. */
public record ReturnTransfer(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        UUID transferId,
        UUID toWarehouseId,
        List<ShippedLot> lots,
        String reason) implements LedgerCommand {

    public ReturnTransfer {
        Guard.present("transferId", transferId);
        Guard.present("toWarehouseId", toWarehouseId);
        Guard.present("reason", reason);
        lots = Guard.notEmpty("lots", lots);
    }

    /** The idempotency key under which the source records the return. */
    public static String returnKeyOf(UUID transferId) {
        return "transfer-return:" + transferId;
    }
}
