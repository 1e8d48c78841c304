package io.stockledger.events.effect;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One lot as a {@link LedgerTally} has folded it: its units and reserved units, the attributes of its first arrival,
 * and its quarantine reason (null when not quarantined).
 */
public record LotBalance(String batchNumber, long quantity, long reserved, LocalDate expiryDate, String location,
                         BigDecimal unitCost, Instant receivedAt, String quarantineReason) {

    public boolean quarantined() {
        return quarantineReason != null;
    }

    /** A lot is usable through its expiry date (UTC) and expired from the next day on. */
    public boolean expiredOn(LocalDate day) {
        return expiryDate != null && day.isAfter(expiryDate);
    }

    /** Its unreserved units are blocked that day: it is quarantined, or expired. */
    public boolean blockedOn(LocalDate day) {
        return quarantined() || expiredOn(day);
    }

    public long unreserved() {
        return quantity - reserved;
    }
}
