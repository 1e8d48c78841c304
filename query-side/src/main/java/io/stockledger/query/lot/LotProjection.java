package io.stockledger.query.lot;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.effect.LotChange;
import io.stockledger.events.effect.StockEffect;
import io.stockledger.query.config.DeferredStatements;
import io.stockledger.query.config.ReadModelConfiguration;
import io.stockledger.query.json.LotsJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps {@code stock_lot}: quantity and reserved per lot, with the lot's expiry, location, cost and quarantine, as
 * each event's {@link StockEffect} changes them (events from before lots count in the SKU's default lot, as the
 * ledger does). Every lot row remembers the last event applied to it, so a second delivery changes nothing.
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

    /** Each lot the event changes, one statement each, in the order the event names them. */
    @EventHandler
    void on(LedgerEvent event, @SequenceNumber long sequence) {
        StockEffect effect = StockEffect.of(event);
        for (LotChange change : effect.lotChanges(this::heldBy)) {
            switch (change) {
                case LotChange.Arrival arrival -> receive(event, arrival, sequence);
                case LotChange.Delta delta -> change(event, delta, sequence);
                case LotChange.Quarantine quarantine -> quarantine(event, quarantine, sequence);
            }
        }
        if (effect.startsHold() && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().<Map<UUID, List<LotQuantity>>>getOrComputeResource(HOLDS_IN_BATCH,
                    key -> new HashMap<>()).put(effect.reservationId(), effect.lots());
        }
    }

    /** What a reservation holds: from this batch's memory, else from its {@code reservation} row. */
    private List<LotQuantity> heldBy(UUID reservationId) {
        if (CurrentUnitOfWork.isStarted()) {
            Map<UUID, List<LotQuantity>> heldInBatch = CurrentUnitOfWork.get().getResource(HOLDS_IN_BATCH);
            if (heldInBatch != null && heldInBatch.containsKey(reservationId)) {
                return heldInBatch.get(reservationId);
            }
        }
        List<String> held = jdbc.queryForList("SELECT lots::text FROM reservation WHERE reservation_id = ?",
                String.class, reservationId);
        return held.isEmpty() ? null : LotsJson.lotQuantities(held.getFirst());
    }

    /** Adds units to a lot, opening it with the arrival's attributes when it is new. */
    private void receive(LedgerEvent event, LotChange.Arrival arrival, long sequence) {
        lotWrites.update("""
                        INSERT INTO stock_lot (product_id, warehouse_id, batch_number, expiry_date, received_at,
                                               location, unit_cost, quantity, reserved, last_sequence, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                        ON CONFLICT (product_id, warehouse_id, batch_number) DO UPDATE
                           SET quantity = stock_lot.quantity + EXCLUDED.quantity,
                               last_sequence = EXCLUDED.last_sequence,
                               updated_at = EXCLUDED.updated_at
                         WHERE stock_lot.last_sequence < EXCLUDED.last_sequence""",
                event.productId(), event.warehouseId(), arrival.batchNumber(),
                arrival.expiryDate() == null ? null : Date.valueOf(arrival.expiryDate()),
                Timestamp.from(arrival.receivedAt()), arrival.location(), arrival.unitCost(),
                (long) arrival.quantity(), sequence, Timestamp.from(event.timestamp()));
    }

    /** Applies deltas to an existing lot, once per event: each event changes a lot at most once. */
    private void change(LedgerEvent event, LotChange.Delta delta, long sequence) {
        lotWrites.update("""
                        UPDATE stock_lot
                           SET quantity = quantity + ?, reserved = reserved + ?, last_sequence = ?, updated_at = ?
                         WHERE product_id = ? AND warehouse_id = ? AND batch_number = ? AND last_sequence < ?""",
                (long) delta.quantityDelta(), (long) delta.reservedDelta(), sequence,
                Timestamp.from(event.timestamp()), event.productId(), event.warehouseId(), delta.batchNumber(),
                sequence);
    }

    private void quarantine(LedgerEvent event, LotChange.Quarantine quarantine, long sequence) {
        lotWrites.update("""
                        UPDATE stock_lot SET quarantine_reason = ?, last_sequence = ?, updated_at = ?
                         WHERE product_id = ? AND warehouse_id = ? AND batch_number = ? AND last_sequence < ?""",
                quarantine.reason(), sequence, Timestamp.from(event.timestamp()), event.productId(),
                event.warehouseId(), quarantine.batchNumber(), sequence);
    }
}
