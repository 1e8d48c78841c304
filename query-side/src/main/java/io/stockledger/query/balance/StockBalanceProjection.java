package io.stockledger.query.balance;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.effect.StockEffect;
import io.stockledger.query.api.FindStockBalance;
import io.stockledger.query.api.StockBalanceView;
import io.stockledger.query.blocked.BlockedUnits;
import io.stockledger.query.config.ReadModelConfiguration;
import io.stockledger.query.intransit.InTransitUnits;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps {@code stock_balance}: on hand and reserved per SKU (transfers move on hand too). Each event adds its deltas
 * once; the row's {@code last_sequence} makes a second delivery of the same event a no-op. The rows are written once
 * per SKU per event batch, not once per event.
 */
@Component
@ProcessingGroup(ReadModelConfiguration.READ_MODELS)
class StockBalanceProjection {

    private static final Logger log = LoggerFactory.getLogger(StockBalanceProjection.class);

    /** The unit-of-work resource holding the current event batch's changes. */
    private static final String CHANGES = StockBalanceProjection.class.getName() + ".changes";

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

    /**
     * Every event of a ledger counts here, also those that move no units (lots, policy): the row records that the
     * ledger's events up to it were applied. What each does to on hand and reserved is its {@link StockEffect}.
     */
    @EventHandler
    void on(LedgerEvent event, @SequenceNumber long sequence) {
        StockEffect effect = StockEffect.of(event);
        add(event, effect.onHandDelta(), effect.reservedDelta(), sequence);
    }

    /**
     * Notes the event's deltas; they are written when the event batch commits ({@link BalanceChanges}), together
     * with the batch's other changes, one row per SKU. Outside a unit of work (tools, tests) at once.
     */
    private void add(LedgerEvent event, int onHandDelta, int reservedDelta, long sequence) {
        BalanceChanges.Key ledger = new BalanceChanges.Key(event.productId(), event.warehouseId());
        BalanceChanges.Change change = new BalanceChanges.Change(sequence, onHandDelta, reservedDelta,
                event.timestamp());
        if (!CurrentUnitOfWork.isStarted()) {
            BalanceChanges single = new BalanceChanges();
            single.add(ledger, change);
            write(single);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get();
        batch.getOrComputeResource(CHANGES, key -> {
            BalanceChanges changes = new BalanceChanges();
            batch.onPrepareCommit(committing -> write(changes));
            return changes;
        }).add(ledger, change);
    }

    /**
     * One statement for a whole event batch, however many events and SKUs it holds: each SKU's row gets the sum of
     * its events' deltas, if the row has seen none of them ({@link #addToStoredRows}). A hot SKU's hundred
     * reservations in a batch are one row write instead of a hundred, and a batch over many SKUs is one round trip.
     * The SKUs it leaves (no row yet, or a second delivery of events the row has already seen) are then written event
     * by event ({@link #applyEventByEvent}).
     */
    private void write(BalanceChanges changes) {
        Map<BalanceChanges.Key, Row> added = addToStoredRows(changes);
        BalanceChanges unsettled = new BalanceChanges();
        changes.forEach((ledger, events) -> {
            Row row = added.get(ledger);
            if (row == null) {
                events.forEach(event -> unsettled.add(ledger, event));
            } else {
                checkInvariantsAfterEach(ledger, events, row);
            }
        });
        if (!unsettled.isEmpty()) {
            applyEventByEvent(unsettled);
        }
    }

    /**
     * Adds each SKU's summed deltas to its stored row where the row's last sequence is before the SKU's first event in
     * the batch, the usual case: the row is locked by the update itself, and a concurrent writer's change is seen
     * before the condition is judged (PostgreSQL re-reads an updated row under read committed). Returns the rows
     * updated, as they are now.
     */
    private Map<BalanceChanges.Key, Row> addToStoredRows(BalanceChanges changes) {
        List<Object> productIds = new ArrayList<>();
        List<Object> warehouseIds = new ArrayList<>();
        List<Object> onHandDeltas = new ArrayList<>();
        List<Object> reservedDeltas = new ArrayList<>();
        List<Object> firstSequences = new ArrayList<>();
        List<Object> lastSequences = new ArrayList<>();
        List<Object> updatedAt = new ArrayList<>();
        changes.forEach((ledger, events) -> {
            productIds.add(ledger.productId());
            warehouseIds.add(ledger.warehouseId());
            onHandDeltas.add(events.stream().mapToLong(BalanceChanges.Change::onHandDelta).sum());
            reservedDeltas.add(events.stream().mapToLong(BalanceChanges.Change::reservedDelta).sum());
            firstSequences.add(events.getFirst().sequence());
            lastSequences.add(events.getLast().sequence());
            updatedAt.add(events.getLast().at().toString());
        });
        Map<BalanceChanges.Key, Row> added = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    UPDATE stock_balance b
                       SET on_hand = b.on_hand + k.on_hand_delta,
                           reserved = b.reserved + k.reserved_delta,
                           last_sequence = k.last_sequence,
                           updated_at = k.updated_at
                      FROM unnest(?::uuid[], ?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],
                                  ?::timestamptz[])
                           AS k(product_id, warehouse_id, on_hand_delta, reserved_delta, first_sequence,
                                last_sequence, updated_at)
                     WHERE b.product_id = k.product_id AND b.warehouse_id = k.warehouse_id
                       AND b.last_sequence < k.first_sequence
                    RETURNING b.product_id, b.warehouse_id, b.on_hand, b.reserved, b.last_sequence""");
            statement.setArray(1, connection.createArrayOf("uuid", productIds.toArray()));
            statement.setArray(2, connection.createArrayOf("uuid", warehouseIds.toArray()));
            statement.setArray(3, connection.createArrayOf("bigint", onHandDeltas.toArray()));
            statement.setArray(4, connection.createArrayOf("bigint", reservedDeltas.toArray()));
            statement.setArray(5, connection.createArrayOf("bigint", firstSequences.toArray()));
            statement.setArray(6, connection.createArrayOf("bigint", lastSequences.toArray()));
            statement.setArray(7, connection.createArrayOf("timestamptz", updatedAt.toArray()));
            return statement;
        }, into(added));
        return added;
    }

    /** Reads the statement's balance rows (product, warehouse, on hand, reserved, last sequence) into {@code rows}. */
    private static RowCallbackHandler into(Map<BalanceChanges.Key, Row> rows) {
        return row -> rows.put(new BalanceChanges.Key(row.getObject(1, UUID.class), row.getObject(2, UUID.class)),
                new Row(row.getLong(3), row.getLong(4), row.getLong(5)));
    }

    /**
     * The invariants after every event of the batch, as if each had been written alone: the row before the batch is
     * the row now less the batch's deltas.
     */
    private void checkInvariantsAfterEach(BalanceChanges.Key ledger, List<BalanceChanges.Change> events, Row now) {
        long onHand = now.onHand() - events.stream().mapToLong(BalanceChanges.Change::onHandDelta).sum();
        long reserved = now.reserved() - events.stream().mapToLong(BalanceChanges.Change::reservedDelta).sum();
        for (BalanceChanges.Change event : events) {
            onHand += event.onHandDelta();
            reserved += event.reservedDelta();
            checkInvariants(ledger, event.sequence(), onHand, reserved);
        }
    }

    /**
     * Two round trips for the SKUs {@link #addToStoredRows} left: their rows are read (and locked), each SKU's events
     * are applied to its row in memory, in order, skipping those the row has already seen (a second delivery changes
     * nothing) and checking the invariants after every event, and each SKU's resulting row is written once (inserted
     * for a SKU that had none).
     */
    private void applyEventByEvent(BalanceChanges changes) {
        Map<BalanceChanges.Key, Row> stored = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT b.product_id, b.warehouse_id, b.on_hand, b.reserved, b.last_sequence
                      FROM stock_balance b
                      JOIN unnest(?::uuid[], ?::uuid[]) AS k(product_id, warehouse_id)
                        ON b.product_id = k.product_id AND b.warehouse_id = k.warehouse_id
                       FOR UPDATE OF b""");
            statement.setArray(1, connection.createArrayOf("uuid", changes.productIds()));
            statement.setArray(2, connection.createArrayOf("uuid", changes.warehouseIds()));
            return statement;
        }, into(stored));
        List<Object[]> rows = new ArrayList<>();
        changes.forEach((ledger, events) -> {
            Row row = stored.getOrDefault(ledger, Row.NONE);
            long onHand = row.onHand();
            long reserved = row.reserved();
            long last = row.lastSequence();
            Instant updated = null;
            for (BalanceChanges.Change event : events) {
                if (event.sequence() <= last) {
                    continue;
                }
                onHand += event.onHandDelta();
                reserved += event.reservedDelta();
                last = event.sequence();
                updated = event.at();
                checkInvariants(ledger, last, onHand, reserved);
            }
            if (updated != null) {
                rows.add(new Object[] {ledger.productId(), ledger.warehouseId(), onHand, reserved, last,
                        Timestamp.from(updated)});
            }
        });
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO stock_balance (product_id, warehouse_id, on_hand, reserved, last_sequence, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (product_id, warehouse_id) DO UPDATE
                       SET on_hand = EXCLUDED.on_hand,
                           reserved = EXCLUDED.reserved,
                           last_sequence = EXCLUDED.last_sequence,
                           updated_at = EXCLUDED.updated_at
                     WHERE stock_balance.last_sequence < EXCLUDED.last_sequence""", rows);
        }
    }

    /** A balance row as stored; {@link #NONE} for a SKU without one yet. */
    private record Row(long onHand, long reserved, long lastSequence) {
        static final Row NONE = new Row(0, 0, -1);
    }

    /**
     * An independent check of what the ledger guarantees: the read model sums the events on its own, so a balance
     * that breaks an invariant here means an event the aggregate should never have written. It is counted (the
     * overselling metric must stay 0) and logged, not hidden.
     */
    private void checkInvariants(BalanceChanges.Key ledger, long sequence, long onHand, long reserved) {
        if (onHand < 0 || reserved < 0 || reserved > onHand) {
            oversellingIncidents.increment();
            log.error("ledger invariant broken at {}:{} sequence {}: on_hand={} reserved={}", ledger.productId(),
                    ledger.warehouseId(), sequence, onHand, reserved);
        }
    }

    /**
     * The balance row, with what the lot and transfer tables add: blocked units are judged at today's date (expiry
     * needs no event), and stock in transit belongs to neither warehouse's on hand. A warehouse that has nothing yet
     * but stock on its way to it has a balance too: zero on hand, and what is in transit.
     */
    @QueryHandler
    Optional<StockBalanceView> handle(FindStockBalance query) {
        return jdbc.query("""
                        SELECT b.on_hand, b.reserved, b.last_sequence, b.updated_at, %s AS blocked, %s
                          FROM (SELECT CAST(? AS uuid) AS product_id, CAST(? AS uuid) AS warehouse_id) k
                          LEFT JOIN stock_balance b
                            ON b.product_id = k.product_id AND b.warehouse_id = k.warehouse_id""".formatted(
                        BlockedUnits.of("k.product_id", "k.warehouse_id"),
                        InTransitUnits.columns("k.product_id", "k.warehouse_id")),
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
                BlockedUnits.today(clock), query.productId(), query.warehouseId()).stream()
                .filter(java.util.Objects::nonNull).findFirst();
    }
}
