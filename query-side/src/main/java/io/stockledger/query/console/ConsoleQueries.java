package io.stockledger.query.console;

import io.stockledger.query.api.FindLedgers;
import io.stockledger.query.api.FindOpenReservations;
import io.stockledger.query.api.FindRecentMovements;
import io.stockledger.query.api.FindTransfersInTransit;
import io.stockledger.query.api.MovementPage;
import io.stockledger.query.api.MovementView;
import io.stockledger.query.api.ReservationView;
import io.stockledger.query.api.StockBalanceView;
import io.stockledger.query.api.TransferView;
import io.stockledger.query.blocked.BlockedUnits;
import io.stockledger.query.json.LotsJson;
import io.stockledger.query.intransit.InTransitUnits;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The lists the web console shows and no client of the API needed before: SKUs by product or warehouse, a SKU's open
 * reservations, transfers under way, and the movement journal across SKUs for the live feed. Read-only, over the
 * read models the projections keep; blocked units follow {@link BlockedUnits}, so they agree with every other query.
 */
@Component
class ConsoleQueries {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ConsoleQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    List<StockBalanceView> handle(FindLedgers query) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(BlockedUnits.today(clock));
        StringBuilder where = new StringBuilder(" WHERE true");
        if (query.productId() != null) {
            where.append(" AND b.product_id = ?");
            arguments.add(query.productId());
        }
        if (query.warehouseId() != null) {
            where.append(" AND b.warehouse_id = ?");
            arguments.add(query.warehouseId());
        }
        arguments.add(query.limit());
        return jdbc.query("""
                        SELECT b.product_id, b.warehouse_id, b.on_hand, b.reserved, b.last_sequence, b.updated_at,
                               %s AS blocked, %s
                          FROM stock_balance b""".formatted(BlockedUnits.of("b.product_id", "b.warehouse_id"),
                                InTransitUnits.columns("b.product_id", "b.warehouse_id"))
                        + where + " ORDER BY b.product_id, b.warehouse_id LIMIT ?",
                (row, n) -> {
                    long onHand = row.getLong(3);
                    long reserved = row.getLong(4);
                    long blocked = row.getLong(7);
                    return new StockBalanceView(row.getObject(1, UUID.class), row.getObject(2, UUID.class), onHand,
                            reserved, onHand - reserved - blocked, row.getLong(5), instant(row.getTimestamp(6)),
                            blocked, row.getLong(8), row.getLong(9));
                }, arguments.toArray());
    }

    @QueryHandler
    List<ReservationView> handle(FindOpenReservations query) {
        return jdbc.query("""
                        SELECT reservation_id, product_id, warehouse_id, quantity, status, requester_id, created_at,
                               expires_at, updated_at, lots::text, order_id, line_id
                          FROM reservation
                         WHERE product_id = ? AND warehouse_id = ? AND status = 'PENDING'
                         ORDER BY created_at LIMIT ?""",
                (row, n) -> new ReservationView(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getObject(3, UUID.class), row.getInt(4), row.getString(5), row.getString(6),
                        instant(row.getTimestamp(7)), instant(row.getTimestamp(8)), instant(row.getTimestamp(9)),
                        LotsJson.lotQuantities(row.getString(10)), row.getString(11), row.getString(12)),
                query.productId(), query.warehouseId(), query.limit());
    }

    @QueryHandler
    List<TransferView> handle(FindTransfersInTransit query) {
        boolean oneWarehouse = query.warehouseId() != null;
        List<Object> arguments = new ArrayList<>();
        if (oneWarehouse) {
            arguments.add(query.warehouseId());
            arguments.add(query.warehouseId());
        }
        arguments.add(query.limit());
        return jdbc.query("""
                        SELECT transfer_id, product_id, from_warehouse_id, to_warehouse_id, quantity, lots::text,
                               status, reason, requester_id, shipped_at, completed_at
                          FROM stock_transfer WHERE status = 'IN_TRANSIT'"""
                        + (oneWarehouse ? " AND (from_warehouse_id = ? OR to_warehouse_id = ?)" : "")
                        + " ORDER BY shipped_at NULLS LAST, transfer_id LIMIT ?",
                (row, n) -> new TransferView(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getObject(3, UUID.class), row.getObject(4, UUID.class), row.getInt(5),
                        LotsJson.shippedLots(row.getString(6)), row.getString(7), row.getString(8),
                        row.getString(9), instant(row.getTimestamp(10)), instant(row.getTimestamp(11))),
                arguments.toArray());
    }

    @QueryHandler
    MovementPage handle(FindRecentMovements query) {
        boolean oneWarehouse = query.warehouseId() != null;
        boolean latest = query.fromPosition() == null;
        List<Object> arguments = new ArrayList<>();
        arguments.add(latest ? 0L : query.fromPosition());
        if (oneWarehouse) {
            arguments.add(query.warehouseId());
        }
        arguments.add(query.limit() + 1); // one more than asked: tells whether another page follows
        List<MovementView> rows = new ArrayList<>(jdbc.query("""
                        SELECT global_position, event_id, product_id, warehouse_id, sequence_number, movement_type,
                               on_hand_delta, reserved_delta, reservation_id, reason, note, requester_id, trace_id,
                               occurred_at, lots::text
                          FROM stock_movement WHERE global_position >= ?"""
                        + (oneWarehouse ? " AND warehouse_id = ?" : "")
                        + " ORDER BY global_position" + (latest ? " DESC" : "") + " LIMIT ?",
                (row, n) -> movementOf(row), arguments.toArray()));
        if (latest) {
            // the newest rows, told in store order; nothing newer follows them yet
            List<MovementView> newest = new ArrayList<>(rows.subList(0, Math.min(query.limit(), rows.size())));
            java.util.Collections.reverse(newest);
            return new MovementPage(newest, null);
        }
        if (rows.size() <= query.limit()) {
            return new MovementPage(rows, null);
        }
        List<MovementView> page = rows.subList(0, query.limit());
        return new MovementPage(page, page.getLast().globalPosition() + 1);
    }

    private static MovementView movementOf(ResultSet row) throws SQLException {
        return new MovementView(row.getLong(1), row.getObject(2, UUID.class), row.getObject(3, UUID.class),
                row.getObject(4, UUID.class), row.getLong(5), row.getString(6), row.getInt(7), row.getInt(8),
                row.getObject(9, UUID.class), row.getString(10), row.getString(11), row.getString(12),
                row.getString(13), row.getObject(14, OffsetDateTime.class).toInstant(),
                LotsJson.lotQuantities(row.getString(15)));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
