package io.stockledger.query.movement;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.UUID;

/**
 * Keeps {@code stock_movement}, the journal: one row per ledger event with its effect on on hand and reserved,
 * keyed by the event's global position in the store. Summing a SKU's deltas gives its balance.
 */
@Component
@ProcessingGroup(ReadModelConfiguration.READ_MODELS)
class MovementJournalProjection {

    private final JdbcTemplate jdbc;

    MovementJournalProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(StockReceived event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.RECEIPT, event.quantity(), 0), sequence, position);
    }

    @EventHandler
    void on(StockAdjusted event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.ADJUSTMENT, event.quantity(), 0)
                .withReason(event.reason(), event.note()), sequence, position);
    }

    @EventHandler
    void on(ReservationRequested event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.RESERVATION, 0, event.quantity())
                .forReservation(event.reservationId()), sequence, position);
    }

    @EventHandler
    void on(ReservationConfirmed event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.SHIPMENT, -event.quantity(), -event.quantity())
                .forReservation(event.reservationId()), sequence, position);
    }

    @EventHandler
    void on(ReservationReleased event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.RELEASE, 0, -event.quantity())
                .forReservation(event.reservationId()), sequence, position);
    }

    @EventHandler
    void on(ReservationExpired event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.EXPIRY, 0, -event.quantity())
                .forReservation(event.reservationId()), sequence, position);
    }

    private void record(Movement movement, long sequence, TrackingToken position) {
        LedgerEvent event = movement.event();
        jdbc.update("""
                        INSERT INTO stock_movement (global_position, event_id, product_id, warehouse_id,
                                                    sequence_number, movement_type, on_hand_delta, reserved_delta,
                                                    reservation_id, reason, note, requester_id, trace_id, occurred_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""",
                position.position().orElseThrow(), event.eventId(), event.productId(), event.warehouseId(), sequence,
                movement.type().name(), movement.onHandDelta(), movement.reservedDelta(), movement.reservationId(),
                movement.reason(), movement.note(), event.requesterId(), event.traceId(),
                Timestamp.from(event.timestamp()));
    }

    /** One journal row before it is written. */
    private record Movement(LedgerEvent event, MovementType type, int onHandDelta, int reservedDelta,
                            UUID reservationId, String reason, String note) {

        static Movement of(LedgerEvent event, MovementType type, int onHandDelta, int reservedDelta) {
            return new Movement(event, type, onHandDelta, reservedDelta, null, null, null);
        }

        Movement forReservation(UUID id) {
            return new Movement(event, type, onHandDelta, reservedDelta, id, reason, note);
        }

        Movement withReason(String newReason, String newNote) {
            return new Movement(event, type, onHandDelta, reservedDelta, reservationId, newReason, newNote);
        }
    }
}
