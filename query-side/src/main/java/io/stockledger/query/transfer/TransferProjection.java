package io.stockledger.query.transfer;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.ShippedLot;
import io.stockledger.events.TransferReceived;
import io.stockledger.events.TransferReturned;
import io.stockledger.events.TransferShipped;
import io.stockledger.query.api.FindTransfer;
import io.stockledger.query.api.TransferView;
import io.stockledger.query.config.ReadModelConfiguration;
import io.stockledger.query.json.LotsJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps {@code stock_transfer}: one row per transfer, IN_TRANSIT until the destination received it or the source
 * took it back. The source's and the destination's events belong to different ledgers, which the read-model
 * processor may handle in different segments and so in either order; every write therefore accepts the other
 * having come first, and a finished transfer never goes back to IN_TRANSIT.
 */
@Component
@ProcessingGroup(ReadModelConfiguration.READ_MODELS)
class TransferProjection {

    private final JdbcTemplate jdbc;

    TransferProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TransferShipped event) {
        jdbc.update("""
                        INSERT INTO stock_transfer (transfer_id, product_id, from_warehouse_id, to_warehouse_id,
                                                    quantity, lots, status, requester_id, shipped_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), 'IN_TRANSIT', ?, ?, ?)
                        ON CONFLICT (transfer_id) DO UPDATE
                           SET shipped_at = EXCLUDED.shipped_at, requester_id = EXCLUDED.requester_id""",
                event.transferId(), event.productId(), event.warehouseId(), event.toWarehouseId(), event.quantity(),
                LotsJson.write(event.lots()), event.requesterId(), Timestamp.from(event.timestamp()),
                Timestamp.from(event.timestamp()));
    }

    @EventHandler
    void on(TransferReceived event) {
        finish(event, event.transferId(), event.fromWarehouseId(), event.warehouseId(), event.quantity(),
                event.lots(), "RECEIVED", null);
    }

    @EventHandler
    void on(TransferReturned event) {
        finish(event, event.transferId(), event.warehouseId(), event.toWarehouseId(), event.quantity(),
                event.lots(), "RETURNED", event.reason());
    }

    private void finish(LedgerEvent event, UUID transferId, UUID from, UUID to, int quantity, List<ShippedLot> lots,
                        String status, String reason) {
        jdbc.update("""
                        INSERT INTO stock_transfer (transfer_id, product_id, from_warehouse_id, to_warehouse_id,
                                                    quantity, lots, status, reason, completed_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)
                        ON CONFLICT (transfer_id) DO UPDATE
                           SET status = EXCLUDED.status, reason = EXCLUDED.reason,
                               completed_at = EXCLUDED.completed_at, updated_at = EXCLUDED.updated_at""",
                transferId, event.productId(), from, to, quantity, LotsJson.write(lots), status, reason,
                Timestamp.from(event.timestamp()), Timestamp.from(event.timestamp()));
    }

    @QueryHandler
    Optional<TransferView> handle(FindTransfer query) {
        return jdbc.query("""
                        SELECT transfer_id, product_id, from_warehouse_id, to_warehouse_id, quantity, lots::text,
                               status, reason, requester_id, shipped_at, completed_at
                          FROM stock_transfer WHERE transfer_id = ?""",
                (row, n) -> new TransferView(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getObject(3, UUID.class), row.getObject(4, UUID.class), row.getInt(5),
                        LotsJson.shippedLots(row.getString(6)), row.getString(7), row.getString(8),
                        row.getString(9), instant(row.getTimestamp(10)), instant(row.getTimestamp(11))),
                query.transferId()).stream().findFirst();
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
