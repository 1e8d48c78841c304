package io.stockledger.command.ledger;

import io.stockledger.command.api.LotStatus;

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
