package io.stockledger.events.effect;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * What an event does to one lot. An event changes each lot at most once ({@link StockEffect} merges what it says
 * about the same lot), so a reader that remembers the last event applied to a lot can recognise a second delivery.
 */
public sealed interface LotChange permits LotChange.Arrival, LotChange.Delta, LotChange.Quarantine {

    String batchNumber();

    /**
     * Units arriving in the lot. A lot that does not exist yet is opened with these attributes (expiry, location,
     * cost, when it was received); an existing lot keeps its own: a lot's attributes are those of its first arrival.
     */
    record Arrival(String batchNumber, int quantity, LocalDate expiryDate, String location, BigDecimal unitCost,
                   Instant receivedAt) implements LotChange {
    }

    /** Units leaving the lot ({@code quantityDelta} below 0), or held or given back ({@code reservedDelta}). */
    record Delta(String batchNumber, int quantityDelta, int reservedDelta) implements LotChange {
    }

    /**
     * The lot put in quarantine for {@code reason}, or released from it ({@code reason} null): while quarantined its
     * unreserved units are blocked.
     */
    record Quarantine(String batchNumber, String reason) implements LotChange {

        public boolean quarantined() {
            return reason != null;
        }
    }
}
