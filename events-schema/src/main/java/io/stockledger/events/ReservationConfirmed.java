package io.stockledger.events;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;
import java.util.UUID;

/** A reservation turned into an outbound movement: both on hand and reserved shrink by {@code quantity}. */
@SchemaId("inventory.reserve.confirmed.v1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReservationConfirmed(
        @JsonUnwrapped EventEnvelope envelope,
        UUID reservationId,
        int quantity,
        List<LotQuantity> lots,
        String orderId,
        String lineId) implements LedgerEvent {

    /** The shape before lots existed: everything happened in the default lot. */
    public ReservationConfirmed(EventEnvelope envelope, UUID reservationId, int quantity) {
        this(envelope, reservationId, quantity, null);
    }

    /** The event with its envelope's fields first and its own facts after; not part of an order. */
    public ReservationConfirmed(EventEnvelope envelope, UUID reservationId, int quantity, List<LotQuantity> lots) {
        this(envelope, reservationId, quantity, lots, null, null);
    }
}
