package io.stockledger.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Every fact the stock ledger records. The fields below are the envelope every event carries on the wire
 * (snake_case in JSON); each event type adds its own facts.
 *
 * <p>The interface is sealed so that a consumer switching over events is told by the compiler when a new
 * event type appears.
 */
public sealed interface LedgerEvent
        permits StockReceived, StockAdjusted,
                ReservationRequested, ReservationConfirmed, ReservationReleased, ReservationExpired,
                LotQuarantined, LotUnquarantined, PickingPolicyChanged,
                TransferShipped, TransferReceived, TransferReturned {

    UUID eventId();

    Instant timestamp();

    String traceId();

    UUID productId();

    UUID warehouseId();

    /** The authenticated subject that caused the event, or the ledger itself for time-driven facts. */
    String requesterId();
}
