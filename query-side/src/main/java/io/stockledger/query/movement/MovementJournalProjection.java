package io.stockledger.query.movement;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.query.config.DeferredStatements;
import io.stockledger.query.config.ReadModelConfiguration;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.LotQuarantined;
import io.stockledger.events.LotUnquarantined;
import io.stockledger.events.PickingPolicyChanged;
import io.stockledger.events.ShippedLot;
import io.stockledger.events.TransferReceived;
import io.stockledger.events.TransferReturned;
import io.stockledger.events.TransferShipped;
import io.stockledger.query.json.LotsJson;
import java.util.List;
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

    /** Row writes go to the database once per event batch (see {@link DeferredStatements}). */
    private final DeferredStatements writes;

    MovementJournalProjection(JdbcTemplate jdbc) {
        this.writes = new DeferredStatements(jdbc);
    }

    @EventHandler
    void on(StockReceived event, @SequenceNumber long sequence, TrackingToken position) {
        String batch = event.batchNumber() == null ? LotQuantity.DEFAULT_BATCH : event.batchNumber();
        record(Movement.of(event, MovementType.RECEIPT, event.quantity(), 0)
                .withLots(List.of(new LotQuantity(batch, event.quantity()))), sequence, position);
    }

    @EventHandler
    void on(StockAdjusted event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.ADJUSTMENT, event.quantity(), 0)
                .withReason(event.reason(), event.note())
                .withLots(LotQuantity.orDefault(event.lots(), Math.abs(event.quantity()))), sequence, position);
    }

    @EventHandler
    void on(ReservationRequested event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.RESERVATION, 0, event.quantity())
                .forReservation(event.reservationId())
                .withLots(LotQuantity.orDefault(event.lots(), event.quantity())), sequence, position);
    }

    @EventHandler
    void on(ReservationConfirmed event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.SHIPMENT, -event.quantity(), -event.quantity())
                .forReservation(event.reservationId())
                .withLots(LotQuantity.orDefault(event.lots(), event.quantity())), sequence, position);
    }

    @EventHandler
    void on(ReservationReleased event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.RELEASE, 0, -event.quantity())
                .forReservation(event.reservationId())
                .withLots(LotQuantity.orDefault(event.lots(), event.quantity())), sequence, position);
    }

    @EventHandler
    void on(ReservationExpired event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.EXPIRY, 0, -event.quantity())
                .forReservation(event.reservationId())
                .withLots(LotQuantity.orDefault(event.lots(), event.quantity())), sequence, position);
    }

    @EventHandler
    void on(LotQuarantined event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.QUARANTINE, 0, 0).withReason(null, event.reason())
                .withLots(List.of(new LotQuantity(event.batchNumber(), event.quantity()))), sequence, position);
    }

    @EventHandler
    void on(LotUnquarantined event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.UNQUARANTINE, 0, 0).withReason(null, event.reason())
                .withLots(List.of(new LotQuantity(event.batchNumber(), event.quantity()))), sequence, position);
    }

    @EventHandler
    void on(PickingPolicyChanged event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.POLICY_CHANGE, 0, 0).withReason(event.policy(), null), sequence,
                position);
    }

    @EventHandler
    void on(TransferShipped event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.TRANSFER_OUT, -event.quantity(), 0)
                .withReason(null, "to warehouse " + event.toWarehouseId() + ", transfer " + event.transferId())
                .withLots(quantities(event.lots())), sequence, position);
    }

    @EventHandler
    void on(TransferReceived event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.TRANSFER_IN, event.quantity(), 0)
                .withReason(null, "from warehouse " + event.fromWarehouseId() + ", transfer " + event.transferId())
                .withLots(quantities(event.lots())), sequence, position);
    }

    @EventHandler
    void on(TransferReturned event, @SequenceNumber long sequence, TrackingToken position) {
        record(Movement.of(event, MovementType.TRANSFER_RETURN, event.quantity(), 0)
                .withReason(null, abbreviated("refused by warehouse " + event.toWarehouseId() + ": " + event.reason()))
                .withLots(quantities(event.lots())), sequence, position);
    }

    /** The journal's note column holds 500 characters; a refusal message is normally far shorter. */
    private static String abbreviated(String note) {
        return note.length() <= 500 ? note : note.substring(0, 499) + "…";
    }

    private static List<LotQuantity> quantities(List<ShippedLot> lots) {
        return lots.stream().map(ShippedLot::asLotQuantity).toList();
    }

    private void record(Movement movement, long sequence, TrackingToken position) {
        LedgerEvent event = movement.event();
        writes.update("""
                        INSERT INTO stock_movement (global_position, event_id, product_id, warehouse_id,
                                                    sequence_number, movement_type, on_hand_delta, reserved_delta,
                                                    reservation_id, reason, note, requester_id, trace_id, occurred_at,
                                                    lots)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))
                        ON CONFLICT DO NOTHING""",
                position.position().orElseThrow(), event.eventId(), event.productId(), event.warehouseId(), sequence,
                movement.type().name(), movement.onHandDelta(), movement.reservedDelta(), movement.reservationId(),
                movement.reason(), movement.note(), event.requesterId(), event.traceId(),
                Timestamp.from(event.timestamp()), LotsJson.write(movement.lots()));
    }

    /** One journal row before it is written. */
    private record Movement(LedgerEvent event, MovementType type, int onHandDelta, int reservedDelta,
                            UUID reservationId, String reason, String note, List<LotQuantity> lots) {

        static Movement of(LedgerEvent event, MovementType type, int onHandDelta, int reservedDelta) {
            return new Movement(event, type, onHandDelta, reservedDelta, null, null, null, null);
        }

        Movement forReservation(UUID id) {
            return new Movement(event, type, onHandDelta, reservedDelta, id, reason, note, lots);
        }

        Movement withReason(String newReason, String newNote) {
            return new Movement(event, type, onHandDelta, reservedDelta, reservationId, newReason, newNote, lots);
        }

        Movement withLots(List<LotQuantity> moved) {
            return new Movement(event, type, onHandDelta, reservedDelta, reservationId, reason, note, moved);
        }
    }
}
