package io.stockledger.query.lot;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.effect.LotChange;
import io.stockledger.events.effect.StockEffect;
import io.stockledger.query.config.ReadModelConfiguration;
import io.stockledger.query.json.LotsJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps {@code stock_lot}: quantity and reserved per lot, with the lot's expiry, location, cost and quarantine, as
 * each event's {@link StockEffect} changes them (events from before lots count in the SKU's default lot, as the
 * ledger does). Every lot row remembers the last event applied to it, so a second delivery changes nothing.
 *
 * <p>A confirmation names the lots it consumed; the lots it had held are those its reservation was allocated from,
 * which the {@code reservation} row keeps (written by the reservation projection of the same processor, so in an
 * earlier batch it is in the table, and in the same batch the request is among this batch's events).
 *
 * <p>The events are noted as they are handled and written when the event batch commits: the holds of the batch's
 * confirmations are looked up in one query, then each lot is written once ({@link #write}). The writes do not depend
 * on each other's order: each statement touches one lot, and a lot's changes are applied in the order of its events.
 */
@Component
@ProcessingGroup(ReadModelConfiguration.READ_MODELS)
class LotProjection {

    /** The unit-of-work resource with the current event batch's events. */
    private static final String EVENTS = LotProjection.class.getName() + ".events";

    private final JdbcTemplate jdbc;

    LotProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** An event handled in this batch, with its effect. */
    private record Handled(LedgerEvent event, long sequence, StockEffect effect) {
    }

    /** A change to one lot, by the event that makes it. */
    private record Change(LotRow.Key lot, LotChange change, long sequence, Instant at) {
    }

    /** Notes the event; the batch's lots are written when it commits. Outside a unit of work (tools, tests) at once. */
    @EventHandler
    void on(LedgerEvent event, @SequenceNumber long sequence) {
        Handled handled = new Handled(event, sequence, StockEffect.of(event));
        if (!CurrentUnitOfWork.isStarted()) {
            write(List.of(handled));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get();
        batch.getOrComputeResource(EVENTS, key -> {
            List<Handled> events = new ArrayList<>();
            batch.onPrepareCommit(committing -> write(events));
            return events;
        }).add(handled);
    }

    /**
     * A few round trips for a whole event batch. A lot that one event of the batch changes gets that event's own
     * statement, guarded by the row's last sequence (no read needed; on traffic spread over many SKUs that is most
     * lots). A lot that several events change is read (and locked), changed in memory in their order, and written
     * once: a hot SKU's hundred reservations in a batch are one write of its lot, and a rebuild's large chunks
     * write each lot once per chunk.
     */
    private void write(List<Handled> events) {
        Map<LotRow.Key, List<Change>> byLot = new LinkedHashMap<>();
        for (Change change : changes(events)) {
            byLot.computeIfAbsent(change.lot(), key -> new ArrayList<>()).add(change);
        }
        Map<String, List<Object[]>> single = new LinkedHashMap<>();
        Map<LotRow.Key, List<Change>> several = new LinkedHashMap<>();
        byLot.forEach((lot, changes) -> {
            if (changes.size() == 1) {
                Statement statement = singleStatement(changes.getFirst());
                single.computeIfAbsent(statement.sql(), sql -> new ArrayList<>()).add(statement.arguments());
            } else {
                several.put(lot, changes);
            }
        });
        single.forEach(jdbc::batchUpdate);
        if (!several.isEmpty()) {
            writeFolded(several);
        }
    }

    /** Each lot's changes applied to its stored row in memory, then the row written once. */
    private void writeFolded(Map<LotRow.Key, List<Change>> byLot) {
        Map<LotRow.Key, LotRow> lots = lockedRows(byLot.keySet());
        List<Object[]> rows = new ArrayList<>();
        byLot.forEach((key, changes) -> {
            LotRow lot = lots.computeIfAbsent(key, LotRow::absent);
            changes.forEach(change -> lot.apply(change.change(), change.sequence(), change.at()));
            if (lot.changed()) {
                rows.add(lot.values());
            }
        });
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO stock_lot (%s)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (product_id, warehouse_id, batch_number) DO UPDATE
                       SET quantity = EXCLUDED.quantity,
                           reserved = EXCLUDED.reserved,
                           quarantine_reason = EXCLUDED.quarantine_reason,
                           last_sequence = EXCLUDED.last_sequence,
                           updated_at = EXCLUDED.updated_at
                     WHERE stock_lot.last_sequence < EXCLUDED.last_sequence""".formatted(LotRow.COLUMNS), rows);
        }
    }

    /** One statement with its arguments. */
    private record Statement(String sql, Object[] arguments) {
    }

    /** The one statement that applies {@code change}, if the row has not seen its event yet. */
    private static Statement singleStatement(Change change) {
        LotRow.Key lot = change.lot();
        long sequence = change.sequence();
        Timestamp at = Timestamp.from(change.at());
        return switch (change.change()) {
            case LotChange.Arrival arrival -> new Statement("""
                    INSERT INTO stock_lot (product_id, warehouse_id, batch_number, expiry_date, received_at,
                                           location, unit_cost, quantity, reserved, last_sequence, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
                    ON CONFLICT (product_id, warehouse_id, batch_number) DO UPDATE
                       SET quantity = stock_lot.quantity + EXCLUDED.quantity,
                           last_sequence = EXCLUDED.last_sequence,
                           updated_at = EXCLUDED.updated_at
                     WHERE stock_lot.last_sequence < EXCLUDED.last_sequence""",
                    new Object[] {lot.productId(), lot.warehouseId(), lot.batchNumber(),
                            arrival.expiryDate() == null ? null : Date.valueOf(arrival.expiryDate()),
                            Timestamp.from(arrival.receivedAt()), arrival.location(), arrival.unitCost(),
                            (long) arrival.quantity(), sequence, at});
            case LotChange.Delta delta -> new Statement("""
                    UPDATE stock_lot
                       SET quantity = quantity + ?, reserved = reserved + ?, last_sequence = ?, updated_at = ?
                     WHERE product_id = ? AND warehouse_id = ? AND batch_number = ? AND last_sequence < ?""",
                    new Object[] {(long) delta.quantityDelta(), (long) delta.reservedDelta(), sequence, at,
                            lot.productId(), lot.warehouseId(), lot.batchNumber(), sequence});
            case LotChange.Quarantine quarantine -> new Statement("""
                    UPDATE stock_lot SET quarantine_reason = ?, last_sequence = ?, updated_at = ?
                     WHERE product_id = ? AND warehouse_id = ? AND batch_number = ? AND last_sequence < ?""",
                    new Object[] {quarantine.reason(), sequence, at, lot.productId(), lot.warehouseId(),
                            lot.batchNumber(), sequence});
        };
    }

    /**
     * Every lot change of the batch's events, in their order. A confirmation gives back what its reservation held:
     * a request earlier in the batch says so, else the reservation's row, looked up for all of them at once.
     */
    private List<Change> changes(List<Handled> events) {
        Map<UUID, List<LotQuantity>> holds = storedHolds(events);
        List<Change> changes = new ArrayList<>();
        for (Handled handled : events) {
            StockEffect effect = handled.effect();
            LedgerEvent event = handled.event();
            for (LotChange change : effect.lotChanges(holds::get)) {
                changes.add(new Change(new LotRow.Key(event.productId(), event.warehouseId(), change.batchNumber()),
                        change, handled.sequence(), event.timestamp()));
            }
            if (effect.startsHold()) {
                holds.put(effect.reservationId(), effect.lots());
            }
        }
        return changes;
    }

    /** What the reservations of confirmations whose request is not in this batch held, from their rows. */
    private Map<UUID, List<LotQuantity>> storedHolds(List<Handled> events) {
        Set<UUID> requested = new HashSet<>();
        Set<UUID> wanted = new HashSet<>();
        for (Handled handled : events) {
            StockEffect effect = handled.effect();
            if (effect.startsHold()) {
                requested.add(effect.reservationId());
            } else if (effect.givesBackHeldLots() && !requested.contains(effect.reservationId())) {
                wanted.add(effect.reservationId());
            }
        }
        Map<UUID, List<LotQuantity>> holds = new HashMap<>();
        if (!wanted.isEmpty()) {
            jdbc.query(connection -> {
                var statement = connection.prepareStatement(
                        "SELECT reservation_id, lots::text FROM reservation WHERE reservation_id = ANY(?::uuid[])");
                statement.setArray(1, connection.createArrayOf("uuid", wanted.toArray()));
                return statement;
            }, (RowCallbackHandler) row -> holds.put(row.getObject(1, UUID.class),
                    LotsJson.lotQuantities(row.getString(2))));
        }
        return holds;
    }

    /** The stored rows of these lots, locked until the batch commits. */
    private Map<LotRow.Key, LotRow> lockedRows(Set<LotRow.Key> keys) {
        Map<LotRow.Key, LotRow> lots = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT %s
                      FROM stock_lot l
                      JOIN unnest(?::uuid[], ?::uuid[], ?::varchar[]) AS k(product_id, warehouse_id, batch_number)
                     USING (product_id, warehouse_id, batch_number)
                       FOR UPDATE OF l""".formatted(LotRow.COLUMNS));
            statement.setArray(1, connection.createArrayOf("uuid", keys.stream().map(LotRow.Key::productId)
                    .toArray()));
            statement.setArray(2, connection.createArrayOf("uuid", keys.stream().map(LotRow.Key::warehouseId)
                    .toArray()));
            statement.setArray(3, connection.createArrayOf("varchar", keys.stream().map(LotRow.Key::batchNumber)
                    .toArray()));
            return statement;
        }, (RowCallbackHandler) row -> {
            LotRow lot = LotRow.stored(row);
            lots.put(lot.key(), lot);
        });
        return lots;
    }
}
