package io.stockledger.query.movement;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;

/**
 * The order and line a journal row belongs to: the reservation events of an order's lines carry both; every other
 * event, and a reservation made on its own, belongs to none (both null).
 */
record OrderLineOf(String orderId, String lineId) {

    private static final OrderLineOf NONE = new OrderLineOf(null, null);

    static OrderLineOf of(LedgerEvent event) {
        return switch (event) {
            case ReservationRequested requested -> new OrderLineOf(requested.orderId(), requested.lineId());
            case ReservationConfirmed confirmed -> new OrderLineOf(confirmed.orderId(), confirmed.lineId());
            case ReservationReleased released -> new OrderLineOf(released.orderId(), released.lineId());
            case ReservationExpired expired -> new OrderLineOf(expired.orderId(), expired.lineId());
            default -> NONE;
        };
    }
}
