package io.stockledger.command.api;

import io.stockledger.events.ShippedLot;

import java.util.List;
import java.util.UUID;

/** What the source ledger did with a transfer request: the lots it shipped, and its balance right after. */
public record TransferOutcome(UUID transferId, StockLedgerId from, UUID toWarehouseId, int quantity,
                              List<ShippedLot> lots, StockLevels levels, boolean replayed) {
}
