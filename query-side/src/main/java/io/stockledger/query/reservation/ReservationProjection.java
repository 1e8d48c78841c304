package io.stockledger.query.reservation;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.query.api.FindLedgersWithOverdueReservations;
import io.stockledger.query.api.FindOrderReservations;
import io.stockledger.query.api.FindReservation;
import io.stockledger.query.api.LedgerRef;
import io.stockledger.query.api.ReservationView;
import io.stockledger.query.config.DeferredStatements;
import io.stockledger.query.config.ReadModelConfiguration;
import io.stockledger.query.json.LotsJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Keeps {@code reservation}: one row per reservation with its current status. */
@Component
@ProcessingGroup(ReadModelConfiguration.READ_MODELS)
class ReservationProjection {

    /** The unit-of-work resource with the rows of the reservations requested in the current event batch. */
    private static final String REQUESTED_IN_BATCH = ReservationProjection.class.getName() + ".requested";
    /** Where a requested row's values hold what a settlement changes. */
    private static final int STATUS = 4;
    private static final int UPDATED_AT = 9;
    private static final int LAST_SEQUENCE = 10;

    private final JdbcTemplate jdbc;
    /** Row writes go to the database once per event batch (see {@link DeferredStatements}). */
    private final DeferredStatements writes;

    ReservationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new DeferredStatements(jdbc);
    }

    /**
     * The row, written when the batch commits. A reservation settled later in the same batch (common in a rebuild,
     * whose chunks are large) is written once, already settled: the settlement changes this row's values instead of
     * adding an update. A row that exists already (a second delivery) takes the settlement only if it has not seen it,
     * exactly as the update would have.
     */
    @EventHandler
    void on(ReservationRequested event, @SequenceNumber long sequence) {
        Object[] row = {event.reservationId(), event.productId(), event.warehouseId(), event.quantity(), "PENDING",
                event.idempotencyKey(), event.requesterId(), Timestamp.from(event.timestamp()),
                Timestamp.from(event.expiresAt()), Timestamp.from(event.timestamp()), sequence,
                LotsJson.write(event.lots()), event.orderId(), event.lineId()};
        writes.update("""
                INSERT INTO reservation (reservation_id, product_id, warehouse_id, quantity, status,
                                         idempotency_key, requester_id, created_at, expires_at, updated_at,
                                         last_sequence, lots, order_id, line_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
                ON CONFLICT (reservation_id) DO UPDATE
                   SET status = EXCLUDED.status, updated_at = EXCLUDED.updated_at,
                       last_sequence = EXCLUDED.last_sequence
                 WHERE reservation.last_sequence < EXCLUDED.last_sequence""", row);
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().<Map<UUID, Object[]>>getOrComputeResource(REQUESTED_IN_BATCH,
                    key -> new HashMap<>()).put(event.reservationId(), row);
        }
    }

    @EventHandler
    void on(ReservationConfirmed event, @SequenceNumber long sequence) {
        settle(event, event.reservationId(), "CONFIRMED", sequence);
    }

    @EventHandler
    void on(ReservationReleased event, @SequenceNumber long sequence) {
        settle(event, event.reservationId(), "RELEASED", sequence);
    }

    @EventHandler
    void on(ReservationExpired event, @SequenceNumber long sequence) {
        settle(event, event.reservationId(), "EXPIRED", sequence);
    }

    private void settle(LedgerEvent event, UUID reservationId, String status, long sequence) {
        Object[] requested = requestedInBatch(reservationId);
        if (requested != null) {
            requested[STATUS] = status;
            requested[UPDATED_AT] = Timestamp.from(event.timestamp());
            requested[LAST_SEQUENCE] = sequence;
            return;
        }
        writes.update("""
                        UPDATE reservation SET status = ?, updated_at = ?, last_sequence = ?
                         WHERE reservation_id = ? AND last_sequence < ?""",
                status, Timestamp.from(event.timestamp()), sequence, reservationId, sequence);
    }

    /** The row of a reservation requested in the current event batch, not written yet; else null. */
    private static Object[] requestedInBatch(UUID reservationId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Map<UUID, Object[]> requested = CurrentUnitOfWork.get().getResource(REQUESTED_IN_BATCH);
        return requested == null ? null : requested.get(reservationId);
    }

    @QueryHandler
    List<LedgerRef> handle(FindLedgersWithOverdueReservations query) {
        return jdbc.query("SELECT DISTINCT product_id, warehouse_id FROM reservation"
                        + " WHERE status = 'PENDING' AND expires_at <= ? LIMIT ?",
                (row, n) -> new LedgerRef(row.getObject(1, UUID.class), row.getObject(2, UUID.class)),
                Timestamp.from(query.now()), query.limit());
    }

    @QueryHandler
    Optional<ReservationView> handle(FindReservation query) {
        return jdbc.query(SELECT_VIEW + " WHERE reservation_id = ?", (row, n) -> viewOf(row), query.reservationId())
                .stream().findFirst();
    }

    @QueryHandler
    List<ReservationView> handle(FindOrderReservations query) {
        return jdbc.query(SELECT_VIEW + " WHERE order_id = ? ORDER BY created_at, line_id", (row, n) -> viewOf(row),
                query.orderId());
    }

    private static final String SELECT_VIEW = """
            SELECT reservation_id, product_id, warehouse_id, quantity, status, requester_id, created_at, expires_at,
                   updated_at, lots::text, order_id, line_id
              FROM reservation""";

    private static ReservationView viewOf(ResultSet row) throws SQLException {
        return new ReservationView(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                row.getObject(3, UUID.class), row.getInt(4), row.getString(5), row.getString(6),
                row.getTimestamp(7).toInstant(), row.getTimestamp(8).toInstant(), row.getTimestamp(9).toInstant(),
                LotsJson.lotQuantities(row.getString(10)), row.getString(11), row.getString(12));
    }
}
