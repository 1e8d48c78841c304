package io.stockledger.query.lot;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.LotQuarantined;
import io.stockledger.events.LotUnquarantined;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.ShippedLot;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.events.TransferReceived;
import io.stockledger.events.TransferReturned;
import io.stockledger.events.TransferShipped;
import io.stockledger.query.config.DeferredStatements;
import io.stockledger.query.config.ReadModelConfiguration;
import io.stockledger.query.json.LotsJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps {@code stock_lot}: quantity and reserved per lot, with the lot's expiry, location, cost and quarantine.
 * Every lot row remembers the last event applied to it, so a second delivery changes nothing. Events from before
 * lots existed name no lots and count in the SKU's default lot, as the ledger does.
 *
 * <p>A confirmation names the lots it consumed; the lots it had held are those its reservation was allocated from,
 * which the {@code reservation} row keeps (written by the reservation projection of the same processor, so in an
 * earlier batch it is in the table, and in the same batch this projection remembers it).
 *
 * <p>The writes are sent when the event batch commits ({@link DeferredStatements}), one JDBC batch per table for
 * runs of the same statement, in the order the events came: each statement keeps its own last-sequence guard, so
 * the result is exactly that of sending them one by one. Nothing here reads {@code stock_lot} back, and a reservation
 * made earlier in the same batch is found in the batch's own memory, not in the table it has not reached yet.
 */
@Component
@ProcessingGroup(ReadModelConfiguration.READ_MODELS)
class LotProjection {

    /** The unit-of-work resource with the lots held by reservations made in the current event batch. */
    private static final String HOLDS_IN_BATCH = LotProjection.class.getName() + ".holds";

    private final JdbcTemplate jdbc;
    /** Writes to {@code stock_lot}, in event order. */
    private final DeferredStatements lotWrites;

    LotProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.lotWrites = new DeferredStatements(jdbc);
    }

    @EventHandler
    void on(StockReceived event, @SequenceNumber long sequence) {
        String batch = event.batchNumber() == null ? LotQuantity.DEFAULT_BATCH : event.batchNumber();
        receive(event, batch, event.expiryDate(), event.location(), event.unitCost(), event.quantity(), sequence);
    }

    @EventHandler
    void on(StockAdjusted event, @SequenceNumber long sequence) {
        List<LotQuantity> moved = LotQuantity.orDefault(event.lots(), Math.abs(event.quantity()));
        for (LotQuantity lot : moved) {
            if (event.quantity() > 0) {
                receive(event, lot.batchNumber(), null, null, null, lot.quantity(), sequence);
            } else {
                change(event, lot.batchNumber(), -lot.quantity(), 0, sequence);
            }
        }
    }

    @EventHandler
    void on(ReservationRequested event, @SequenceNumber long sequence) {
        List<LotQuantity> held = LotQuantity.orDefault(event.lots(), event.quantity());
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().<Map<UUID, List<LotQuantity>>>getOrComputeResource(HOLDS_IN_BATCH,
                    key -> new HashMap<>()).put(event.reservationId(), held);
        }
        held.forEach(lot -> change(event, lot.batchNumber(), 0, lot.quantity(), sequence));
    }

    @EventHandler
    void on(ReservationConfirmed event, @SequenceNumber long sequence) {
        // a lot may be in both lists; one change per lot keeps a repeated delivery recognisable
        Map<String, long[]> net = new LinkedHashMap<>();
        heldBy(event).forEach(lot -> net.computeIfAbsent(lot.batchNumber(), b -> new long[2])[1] -= lot.quantity());
        LotQuantity.orDefault(event.lots(), event.quantity())
                .forEach(lot -> net.computeIfAbsent(lot.batchNumber(), b -> new long[2])[0] -= lot.quantity());
        net.forEach((batch, delta) -> change(event, batch, delta[0], delta[1], sequence));
    }

    @EventHandler
    void on(ReservationReleased event, @SequenceNumber long sequence) {
        LotQuantity.orDefault(event.lots(), event.quantity())
                .forEach(lot -> change(event, lot.batchNumber(), 0, -lot.quantity(), sequence));
    }

    @EventHandler
    void on(ReservationExpired event, @SequenceNumber long sequence) {
        LotQuantity.orDefault(event.lots(), event.quantity())
                .forEach(lot -> change(event, lot.batchNumber(), 0, -lot.quantity(), sequence));
    }

    @EventHandler
    void on(LotQuarantined event, @SequenceNumber long sequence) {
        quarantine(event, event.batchNumber(), event.reason(), sequence);
    }

    @EventHandler
    void on(LotUnquarantined event, @SequenceNumber long sequence) {
        quarantine(event, event.batchNumber(), null, sequence);
    }

    @EventHandler
    void on(TransferShipped event, @SequenceNumber long sequence) {
        event.lots().forEach(lot -> change(event, lot.batchNumber(), -lot.quantity(), 0, sequence));
    }

    @EventHandler
    void on(TransferReceived event, @SequenceNumber long sequence) {
        event.lots().forEach(lot -> receive(event, lot, sequence));
    }

    @EventHandler
    void on(TransferReturned event, @SequenceNumber long sequence) {
        event.lots().forEach(lot -> receive(event, lot, sequence));
    }

    private List<LotQuantity> heldBy(ReservationConfirmed event) {
        if (CurrentUnitOfWork.isStarted()) {
            Map<UUID, List<LotQuantity>> heldInBatch = CurrentUnitOfWork.get().getResource(HOLDS_IN_BATCH);
            if (heldInBatch != null && heldInBatch.containsKey(event.reservationId())) {
                return heldInBatch.get(event.reservationId());
            }
        }
        List<String> held = jdbc.queryForList("SELECT lots::text FROM reservation WHERE reservation_id = ?",
                String.class, event.reservationId());
        List<LotQuantity> lots = held.isEmpty() ? null : LotsJson.lotQuantities(held.getFirst());
        return LotQuantity.orDefault(lots, event.quantity());
    }

    private void receive(LedgerEvent event, ShippedLot lot, long sequence) {
        receive(event, lot.batchNumber(), lot.expiryDate(), lot.location(), lot.unitCost(), lot.quantity(),
                sequence);
    }

    /** Adds units to a lot, opening it with the event's attributes when it is new. */
    private void receive(LedgerEvent event, String batch, LocalDate expiry, String location, BigDecimal unitCost,
                         long quantity, long sequence) {
        Timestamp at = Timestamp.from(event.timestamp());
        lotWrites.update("""
                        INSERT INTO stock_lot (product_id, warehouse_id, batch_number, expiry_date, received_at,
                                               location, unit_cost, quantity, reserved, last_sequence, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                        ON CONFLICT (product_id, warehouse_id, batch_number) DO UPDATE
                           SET quantity = stock_lot.quantity + EXCLUDED.quantity,
                               last_sequence = EXCLUDED.last_sequence,
                               updated_at = EXCLUDED.updated_at
                         WHERE stock_lot.last_sequence < EXCLUDED.last_sequence""",
                event.productId(), event.warehouseId(), batch, expiry == null ? null : Date.valueOf(expiry), at,
                location, unitCost, quantity, sequence, at);
    }

    /** Applies deltas to an existing lot, once per event: each event changes a lot at most once. */
    private void change(LedgerEvent event, String batch, long quantityDelta, long reservedDelta, long sequence) {
        lotWrites.update("""
                        UPDATE stock_lot
                           SET quantity = quantity + ?, reserved = reserved + ?, last_sequence = ?, updated_at = ?
                         WHERE product_id = ? AND warehouse_id = ? AND batch_number = ? AND last_sequence < ?""",
                quantityDelta, reservedDelta, sequence, Timestamp.from(event.timestamp()),
                event.productId(), event.warehouseId(), batch, sequence);
    }

    private void quarantine(LedgerEvent event, String batch, String reason, long sequence) {
        lotWrites.update("""
                        UPDATE stock_lot SET quarantine_reason = ?, last_sequence = ?, updated_at = ?
                         WHERE product_id = ? AND warehouse_id = ? AND batch_number = ? AND last_sequence < ?""",
                reason, sequence, Timestamp.from(event.timestamp()), event.productId(), event.warehouseId(), batch,
                sequence);
    }
}
