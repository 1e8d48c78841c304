package io.stockledger.query.balance;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LotQuarantined;
import io.stockledger.events.LotUnquarantined;
import io.stockledger.events.PickingPolicyChanged;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.events.TransferReceived;
import io.stockledger.events.TransferReturned;
import io.stockledger.events.TransferShipped;
import io.stockledger.query.api.FindStockBalance;
import io.stockledger.query.api.StockBalanceView;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Keeps {@code stock_balance}: on hand and reserved per SKU (transfers move on hand too). Each event adds its deltas once; the
 * row's {@code last_sequence} makes a second delivery of the same event a no-op.
 */
@Component
@ProcessingGroup(ReadModelConfiguration.READ_MODELS)
class StockBalanceProjection {

    private static final Logger log = LoggerFactory.getLogger(StockBalanceProjection.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Counter oversellingIncidents;

    StockBalanceProjection(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.oversellingIncidents = Counter.builder("inventory.overselling.incidents")
                .description("Balances seen breaking on_hand >= 0, reserved >= 0 or reserved <= on_hand; must stay 0")
                .register(meters);
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

    /** Lot and policy events move no units, but the row still records that the ledger's events were applied. */
    @EventHandler
    void on(LotQuarantined event, @SequenceNumber long sequence) {
        add(event, 0, 0, sequence);
    }

    @EventHandler
    void on(LotUnquarantined event, @SequenceNumber long sequence) {
        add(event, 0, 0, sequence);
    }

    @EventHandler
    void on(PickingPolicyChanged event, @SequenceNumber long sequence) {
        add(event, 0, 0, sequence);
    }

    @EventHandler
    void on(TransferShipped event, @SequenceNumber long sequence) {
        add(event, -event.quantity(), 0, sequence);
    }

    @EventHandler
    void on(TransferReceived event, @SequenceNumber long sequence) {
        add(event, event.quantity(), 0, sequence);
    }

    @EventHandler
    void on(TransferReturned event, @SequenceNumber long sequence) {
        add(event, event.quantity(), 0, sequence);
    }

    private void add(LedgerEvent event, int onHandDelta, int reservedDelta, long sequence) {
        List<long[]> after = jdbc.query("""
                        INSERT INTO stock_balance (product_id, warehouse_id, on_hand, reserved, last_sequence,
                                                   updated_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (product_id, warehouse_id) DO UPDATE
                           SET on_hand = stock_balance.on_hand + EXCLUDED.on_hand,
                               reserved = stock_balance.reserved + EXCLUDED.reserved,
                               last_sequence = EXCLUDED.last_sequence,
                               updated_at = EXCLUDED.updated_at
                         WHERE stock_balance.last_sequence < EXCLUDED.last_sequence
                        RETURNING on_hand, reserved""",
                (row, n) -> new long[] {row.getLong(1), row.getLong(2)},
                event.productId(), event.warehouseId(), onHandDelta, reservedDelta, sequence,
                Timestamp.from(event.timestamp()));
        after.forEach(balance -> checkInvariants(event, sequence, balance[0], balance[1]));
    }

    /**
     * An independent check of what the ledger guarantees: the read model sums the events on its own, so a balance
     * that breaks an invariant here means an event the aggregate should never have written. It is counted (the
     * overselling metric must stay 0) and logged, not hidden.
     */
    private void checkInvariants(LedgerEvent event, long sequence, long onHand, long reserved) {
        if (onHand < 0 || reserved < 0 || reserved > onHand) {
            oversellingIncidents.increment();
            log.error("ledger invariant broken at {}:{} sequence {}: on_hand={} reserved={}", event.productId(),
                    event.warehouseId(), sequence, onHand, reserved);
        }
    }

    /**
     * The balance row, with what the lot and transfer tables add: blocked units are judged at today's date (expiry
     * needs no event), and stock in transit belongs to neither warehouse's on hand. A warehouse that has nothing yet
     * but stock on its way to it has a balance too: zero on hand, and what is in transit.
     */
    @QueryHandler
    Optional<StockBalanceView> handle(FindStockBalance query) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return jdbc.query("""
                        SELECT b.on_hand, b.reserved, b.last_sequence, b.updated_at,
                               (SELECT coalesce(sum(l.quantity - l.reserved), 0) FROM stock_lot l
                                 WHERE l.product_id = k.product_id AND l.warehouse_id = k.warehouse_id
                                   AND (l.quarantine_reason IS NOT NULL OR l.expiry_date < ?)) AS blocked,
                               (SELECT coalesce(sum(t.quantity), 0) FROM stock_transfer t
                                 WHERE t.product_id = k.product_id AND t.to_warehouse_id = k.warehouse_id
                                   AND t.status = 'IN_TRANSIT') AS in_transit_in,
                               (SELECT coalesce(sum(t.quantity), 0) FROM stock_transfer t
                                 WHERE t.product_id = k.product_id AND t.from_warehouse_id = k.warehouse_id
                                   AND t.status = 'IN_TRANSIT') AS in_transit_out
                          FROM (SELECT CAST(? AS uuid) AS product_id, CAST(? AS uuid) AS warehouse_id) k
                          LEFT JOIN stock_balance b
                            ON b.product_id = k.product_id AND b.warehouse_id = k.warehouse_id""",
                (row, n) -> {
                    long onHand = row.getLong(1);
                    long reserved = row.getLong(2);
                    long sequence = row.getObject(3) == null ? -1 : row.getLong(3);
                    long blocked = row.getLong(5);
                    long inTransitIn = row.getLong(6);
                    if (sequence < 0 && inTransitIn == 0) {
                        return null;
                    }
                    Timestamp updated = row.getTimestamp(4);
                    return new StockBalanceView(query.productId(), query.warehouseId(), onHand, reserved,
                            onHand - reserved - blocked, sequence, updated == null ? null : updated.toInstant(),
                            blocked, inTransitIn, row.getLong(7));
                },
                java.sql.Date.valueOf(today), query.productId(), query.warehouseId()).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }
}
