package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;


/**
 * A lot was put in quarantine: its units stay on hand but are blocked, never available and never allocated, until
 * it is released. {@code quantity} is what the lot held at that moment, for the reader's convenience.
 */
@SchemaId("inventory.lot.quarantined.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LotQuarantined(
        @JsonUnwrapped EventEnvelope envelope,
        String batchNumber,
        String reason,
        int quantity) implements LedgerEvent {
}
