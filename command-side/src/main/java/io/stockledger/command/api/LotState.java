package io.stockledger.command.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One lot of a SKU as the ledger sees it at a moment: the answer to the lot commands. */
public record LotState(
        StockLedgerId ledgerId,
        String batchNumber,
        LocalDate expiryDate,
        Instant receivedAt,
        String location,
        BigDecimal unitCost,
        long quantity,
        long reserved,
        long available,
        LotStatus status,
        String quarantineReason,
        boolean replayed) {
}
