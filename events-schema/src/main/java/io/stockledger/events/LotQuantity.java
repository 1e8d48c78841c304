package io.stockledger.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/**
 * How many units of one lot an event moved. Events that change on hand or reserved list their lots, so a consumer
 * can follow every lot without knowing the ledger's picking rules. Events written before lots existed have no list:
 * read that as everything in the {@link #DEFAULT_BATCH default lot}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LotQuantity(String batchNumber, int quantity) {

    /** The lot of every unit received without a batch number: no expiry, and never quarantined by accident. */
    public static final String DEFAULT_BATCH = "DEFAULT";

    /** The lots an event names, or the whole quantity in the default lot for an event from before lots. */
    public static List<LotQuantity> orDefault(List<LotQuantity> lots, int quantity) {
        return lots != null ? lots : List.of(new LotQuantity(DEFAULT_BATCH, quantity));
    }
}
