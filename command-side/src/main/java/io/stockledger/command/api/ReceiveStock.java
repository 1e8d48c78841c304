package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Goods arrived: add {@code quantity} to on hand, in the lot {@code batchNumber} (the SKU's default lot when
 * absent). Receiving into an existing lot adds to it; its expiry must match. The first receipt of a SKU opens its
 * ledger.
 */
public record ReceiveStock(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        int quantity,
        BigDecimal unitCost,
        String idempotencyKey,
        String batchNumber,
        LocalDate expiryDate,
        String location) implements LedgerCommand {

    public ReceiveStock {
        Guard.positive("quantity", quantity);
        Guard.present("idempotencyKey", idempotencyKey);
        if (unitCost != null && unitCost.signum() < 0) {
            throw new IllegalArgumentException("unitCost must not be negative");
        }
        Guard.notBlankIfGiven("batchNumber", batchNumber);
    }

    /** A receipt into the default lot. */
    public ReceiveStock(StockLedgerId ledgerId, int quantity, BigDecimal unitCost, String idempotencyKey) {
        this(ledgerId, quantity, unitCost, idempotencyKey, null, null, null);
    }
}
