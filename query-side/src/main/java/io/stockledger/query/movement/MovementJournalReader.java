package io.stockledger.query.movement;

import io.stockledger.query.api.FindMovements;
import io.stockledger.query.api.MovementFilter;
import io.stockledger.query.api.MovementJournal;
import io.stockledger.query.api.MovementPage;
import io.stockledger.query.api.MovementView;
import io.stockledger.query.json.LotsJson;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Reads {@code stock_movement}, the journal {@code MovementJournalProjection} keeps: a bounded page for a query, or
 * every matching row for an export.
 */
@Component
class MovementJournalReader implements MovementJournal {

    /** Rows per round trip while streaming: enough to keep the network busy, few enough to stay small in memory. */
    static final int FETCH_SIZE = 500;

    private static final String COLUMNS = """
            global_position, event_id, product_id, warehouse_id, sequence_number, movement_type, on_hand_delta,
            reserved_delta, reservation_id, reason, note, requester_id, trace_id, occurred_at, lots::text AS lots,
            order_id, line_id""";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnlyTransaction;

    MovementJournalReader(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // The PostgreSQL driver reads a whole result set into memory unless three things hold: autocommit is off
        // (the transaction below), a fetch size is set (here), and the result set is forward-only (the default).
        // Then it fetches FETCH_SIZE rows per round trip through a portal, so an export of a year of a busy SKU
        // holds one batch at a time. A separate JdbcTemplate, so the shared one keeps its settings.
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnlyTransaction = new TransactionTemplate(transactions);
        this.readOnlyTransaction.setReadOnly(true);
    }

    @QueryHandler
    MovementPage handle(FindMovements query) {
        Sql sql = Sql.of(query.filter());
        sql.where("global_position >= ?", query.fromPosition());
        List<Object> arguments = new ArrayList<>(sql.arguments);
        arguments.add(query.limit() + 1); // one more than asked: tells whether another page follows
        List<MovementView> rows = jdbc.query(sql.select() + " LIMIT ?", (row, n) -> movementOf(row),
                arguments.toArray());
        if (rows.size() <= query.limit()) {
            return new MovementPage(rows, null);
        }
        List<MovementView> page = rows.subList(0, query.limit());
        return new MovementPage(page, page.getLast().globalPosition() + 1);
    }

    /**
     * Streams: see the constructor. The transaction (read-only) exists for the driver's sake and holds one pooled
     * connection until the last row has been handed over, so a slow consumer holds it that long.
     */
    @Override
    public long forEach(MovementFilter filter, Consumer<MovementView> each) {
        Sql sql = Sql.of(filter);
        Long count = readOnlyTransaction.execute(status -> {
            long[] seen = {0};
            streaming.query(sql.select(), (RowCallbackHandler) row -> {
                each.accept(movementOf(row));
                seen[0]++;
            }, sql.arguments.toArray());
            return seen[0];
        });
        return count == null ? 0 : count;
    }

    private static MovementView movementOf(ResultSet row) throws SQLException {
        return new MovementView(row.getLong("global_position"), row.getObject("event_id", UUID.class),
                row.getObject("product_id", UUID.class), row.getObject("warehouse_id", UUID.class),
                row.getLong("sequence_number"), row.getString("movement_type"), row.getInt("on_hand_delta"),
                row.getInt("reserved_delta"), row.getObject("reservation_id", UUID.class), row.getString("reason"),
                row.getString("note"), row.getString("requester_id"), row.getString("trace_id"),
                row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                LotsJson.lotQuantities(row.getString("lots")), row.getString("order_id"), row.getString("line_id"));
    }

    /** The statement for a filter: its conditions and their arguments, in global order. */
    private static final class Sql {

        private final List<String> conditions = new ArrayList<>();
        private final List<Object> arguments = new ArrayList<>();

        static Sql of(MovementFilter filter) {
            Sql sql = new Sql();
            if (filter.orderId() != null) {
                sql.where("order_id = ?", filter.orderId());
            }
            if (filter.productId() != null) {
                sql.where("product_id = ?", filter.productId());
            }
            if (filter.warehouseId() != null) {
                sql.where("warehouse_id = ?", filter.warehouseId());
            }
            if (filter.from() != null) {
                sql.where("occurred_at >= ?", OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
            }
            if (filter.to() != null) {
                sql.where("occurred_at <= ?", OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
            }
            if (filter.type() != null) {
                sql.where("movement_type = ?", filter.type().name());
            }
            return sql;
        }

        void where(String condition, Object argument) {
            conditions.add(condition);
            arguments.add(argument);
        }

        String select() {
            return "SELECT " + COLUMNS + " FROM stock_movement WHERE " + String.join(" AND ", conditions)
                    + " ORDER BY global_position";
        }
    }
}
