package io.stockledger.command.ledger;

import io.stockledger.command.api.LotState;
import io.stockledger.command.api.LotStatus;
import io.stockledger.command.api.StockLedgerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One lot of a SKU: units that share a batch number and an expiry date. Immutable; the ledger's event sourcing
 * handlers replace it with a changed copy. {@code reserved} never exceeds {@code quantity}.
 */
record Lot(
        String batchNumber,
        LocalDate expiryDate,
        Instant receivedAt,
        String location,
        BigDecimal unitCost,
        long quantity,
        long reserved,
        String quarantineReason) {

    static Lot opened(String batchNumber, LocalDate expiryDate, Instant receivedAt, String location,
                      BigDecimal unitCost) {
        return new Lot(batchNumber, expiryDate, receivedAt, location, unitCost, 0, 0, null);
    }

    /** Units that are neither reserved nor gone: what can still be allocated, if the lot is usable. */
    long unreserved() {
        return quantity - reserved;
    }

    boolean isQuarantined() {
        return quarantineReason != null;
    }

    /** A lot is usable through its expiry date (UTC) and expired from the next day on. */
    boolean isExpiredAt(Instant now) {
        return expiryDate != null && LocalDate.ofInstant(now, ZoneOffset.UTC).isAfter(expiryDate);
    }

    boolean isUsableAt(Instant now) {
        return !isQuarantined() && !isExpiredAt(now);
    }

    /** Whether the lot stays usable until {@code minExpiryDate}: lots that never expire always do. */
    boolean lastsUntil(LocalDate minExpiryDate) {
        return minExpiryDate == null || expiryDate == null || !expiryDate.isBefore(minExpiryDate);
    }

    LotStatus statusAt(Instant now) {
        if (quantity == 0) {
            return LotStatus.DEPLETED;
        }
        if (isExpiredAt(now)) {
            return LotStatus.EXPIRED;
        }
        return isQuarantined() ? LotStatus.QUARANTINED : LotStatus.ACTIVE;
    }

    /** The lot as a command answers it: what may be allocated from it depends on the date. */
    LotState stateAt(StockLedgerId ledgerId, Instant now, boolean replayed) {
        long available = isUsableAt(now) ? unreserved() : 0;
        return new LotState(ledgerId, batchNumber, expiryDate, receivedAt, location, unitCost, quantity, reserved,
                available, statusAt(now), quarantineReason, replayed);
    }

    Lot plusQuantity(long delta) {
        return new Lot(batchNumber, expiryDate, receivedAt, location, unitCost, quantity + delta, reserved,
                quarantineReason);
    }

    Lot plusReserved(long delta) {
        return new Lot(batchNumber, expiryDate, receivedAt, location, unitCost, quantity, reserved + delta,
                quarantineReason);
    }

    Lot quarantined(String reason) {
        return new Lot(batchNumber, expiryDate, receivedAt, location, unitCost, quantity, reserved, reason);
    }
}
