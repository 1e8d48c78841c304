package io.stockledger.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Every fact the stock ledger records: the {@link EventEnvelope} every event carries on the wire (its fields
 * top-level, snake_case, in JSON), then the event type's own facts.
 *
 * <p>The interface is sealed so that a consumer switching over events is told by the compiler when a new
 * event type appears.
 */
public sealed interface LedgerEvent
        permits StockReceived, StockAdjusted,
                ReservationRequested, ReservationConfirmed, ReservationReleased, ReservationExpired,
                LotQuarantined, LotUnquarantined, PickingPolicyChanged,
                TransferShipped, TransferReceived, TransferReturned {

    /** Who, when and where: the fields every event starts with, top-level fields of the event in JSON. */
    EventEnvelope envelope();

    default UUID eventId() {
        return envelope().eventId();
    }

    default Instant timestamp() {
        return envelope().timestamp();
    }

    default String traceId() {
        return envelope().traceId();
    }

    default UUID productId() {
        return envelope().productId();
    }

    default UUID warehouseId() {
        return envelope().warehouseId();
    }

    /** The authenticated subject that caused the event, or the ledger itself for time-driven facts. */
    default String requesterId() {
        return envelope().requesterId();
    }
}
