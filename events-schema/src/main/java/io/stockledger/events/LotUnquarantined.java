package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;


/** A quarantined lot was released: its units count as available again (unless the lot has expired meanwhile). */
@SchemaId("inventory.lot.unquarantined.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LotUnquarantined(
        @JsonUnwrapped EventEnvelope envelope,
        String batchNumber,
        String reason,
        int quantity) implements LedgerEvent {
}
