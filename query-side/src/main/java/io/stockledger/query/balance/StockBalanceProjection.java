package io.stockledger.query.balance;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.query.api.FindStockBalance;
import io.stockledger.query.api.StockBalanceView;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.Optional;

/**
 * Keeps {@code stock_balance}: on hand, reserved and available per SKU. Each event adds its deltas once; the
 * row's {@code last_sequence} makes a second delivery of the same event a no-op.
 */
@Component
@ProcessingGroup(ReadModelConfiguration.READ_MODELS)
class StockBalanceProjection {

    private final JdbcTemplate jdbc;

    StockBalanceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(StockReceived event, @SequenceNumber long sequence) {
        add(event, event.quantity(), 0, sequence);
    }

    @EventHandler
    void on(StockAdjusted event, @SequenceNumber long sequence) {
        add(event, event.quantity(), 0, sequence);
    }

    @EventHandler
    void on(ReservationRequested event, @SequenceNumber long sequence) {
        add(event, 0, event.quantity(), sequence);
    }

    @EventHandler
    void on(ReservationConfirmed event, @SequenceNumber long sequence) {
        add(event, -event.quantity(), -event.quantity(), sequence);
    }

    @EventHandler
    void on(ReservationReleased event, @SequenceNumber long sequence) {
        add(event, 0, -event.quantity(), sequence);
    }

    @EventHandler
    void on(ReservationExpired event, @SequenceNumber long sequence) {
        add(event, 0, -event.quantity(), sequence);
    }

    private void add(LedgerEvent event, int onHandDelta, int reservedDelta, long sequence) {
        jdbc.update("""
                INSERT INTO stock_balance (product_id, warehouse_id, on_hand, reserved, last_sequence, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (product_id, warehouse_id) DO UPDATE
                   SET on_hand = stock_balance.on_hand + EXCLUDED.on_hand,
                       reserved = stock_balance.reserved + EXCLUDED.reserved,
                       last_sequence = EXCLUDED.last_sequence,
                       updated_at = EXCLUDED.updated_at
                 WHERE stock_balance.last_sequence < EXCLUDED.last_sequence""",
                event.productId(), event.warehouseId(), onHandDelta, reservedDelta, sequence,
                Timestamp.from(event.timestamp()));
    }

    @QueryHandler
    Optional<StockBalanceView> handle(FindStockBalance query) {
        return jdbc.query("""
                        SELECT on_hand, reserved, available, last_sequence, updated_at
                          FROM stock_balance WHERE product_id = ? AND warehouse_id = ?""",
                (row, n) -> new StockBalanceView(query.productId(), query.warehouseId(), row.getLong(1),
                        row.getLong(2), row.getLong(3), row.getLong(4), row.getTimestamp(5).toInstant()),
                query.productId(), query.warehouseId()).stream().findFirst();
    }
}
