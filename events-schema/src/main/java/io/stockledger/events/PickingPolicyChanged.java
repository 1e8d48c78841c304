package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;


/**
 * The order in which the SKU's lots are allocated changed: {@code FEFO} (earliest expiry first) or {@code FIFO}
 * (earliest received first). A SKU without this event picks FEFO.
 */
@SchemaId("inventory.policy.changed.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PickingPolicyChanged(
        @JsonUnwrapped EventEnvelope envelope,
        String policy) implements LedgerEvent {
}
