package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * The source side of a transfer: take {@code quantity} out of this warehouse's usable lots (only {@code batchNumber}
 * when given, otherwise by the picking policy) and put it in transit to {@code toWarehouseId}.
 */
public record ShipTransfer(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        UUID transferId,
        UUID toWarehouseId,
        int quantity,
        String batchNumber,
        String idempotencyKey) implements LedgerCommand {

    public ShipTransfer {
        Guard.present("transferId", transferId);
        Guard.present("toWarehouseId", toWarehouseId);
        Guard.positive("quantity", quantity);
        Guard.present("idempotencyKey", idempotencyKey);
        if (toWarehouseId.equals(ledgerId.warehouseId())) {
            throw new IllegalArgumentException("a transfer needs two different warehouses");
        }
        Guard.notBlankIfGiven("batchNumber", batchNumber);
    }
}
