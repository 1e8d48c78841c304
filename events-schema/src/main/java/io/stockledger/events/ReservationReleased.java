package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.UUID;

/** A reservation given back by the order system: reserved shrinks by {@code quantity}, on hand is unchanged. */
@SchemaId("inventory.reserve.released.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReservationReleased(
        @JsonUnwrapped EventEnvelope envelope,
        UUID reservationId,
        int quantity,
        List<LotQuantity> lots,
        String orderId,
        String lineId) implements LedgerEvent {

    /** The shape before lots existed: everything happened in the default lot. */
    public ReservationReleased(EventEnvelope envelope, UUID reservationId, int quantity) {
        this(envelope, reservationId, quantity, null);
    }

    /** The event with its envelope's fields first and its own facts after; not part of an order. */
    public ReservationReleased(EventEnvelope envelope, UUID reservationId, int quantity, List<LotQuantity> lots) {
        this(envelope, reservationId, quantity, lots, null, null);
    }
}
