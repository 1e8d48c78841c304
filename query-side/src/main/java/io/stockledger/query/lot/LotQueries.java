package io.stockledger.query.lot;

import io.stockledger.query.api.FindLots;
import io.stockledger.query.api.LotView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.util.List;

/** Answers {@link FindLots} from {@code stock_lot}, deriving each lot's status at the date the query gives. */
@Component
class LotQueries {

    /** Status from the row and the date: depleted first, then expired (nothing undoes that), then quarantined. */
    private static final String STATUS = """
            CASE WHEN quantity = 0 THEN 'DEPLETED'
                 WHEN expiry_date < :today THEN 'EXPIRED'
                 WHEN quarantine_reason IS NOT NULL THEN 'QUARANTINED'
                 ELSE 'ACTIVE' END""";

    private final NamedParameterJdbcTemplate jdbc;

    LotQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    List<LotView> handle(FindLots query) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("today", Date.valueOf(query.today()))
                .addValue("product", query.productId())
                .addValue("warehouse", query.warehouseId())
                .addValue("status", query.status())
                .addValue("before", query.expiringBefore() == null ? null : Date.valueOf(query.expiringBefore()))
                .addValue("limit", query.limit());
        return jdbc.query("""
                        SELECT * FROM (
                            SELECT product_id, warehouse_id, batch_number, expiry_date, received_at, location,
                                   unit_cost, quantity, reserved, quarantine_reason, updated_at, %s AS status
                              FROM stock_lot
                             WHERE (CAST(:product AS uuid) IS NULL OR product_id = :product)
                               AND (CAST(:warehouse AS uuid) IS NULL OR warehouse_id = :warehouse)
                               AND (CAST(:before AS date) IS NULL OR expiry_date < :before)) lots
                         WHERE CAST(:status AS varchar) IS NULL OR status = :status
                         ORDER BY product_id, warehouse_id, expiry_date NULLS LAST, received_at, batch_number
                         LIMIT :limit""".formatted(STATUS),
                parameters,
                (row, n) -> {
                    String status = row.getString("status");
                    long quantity = row.getLong("quantity");
                    long reserved = row.getLong("reserved");
                    Date expiry = row.getDate("expiry_date");
                    return new LotView(row.getObject("product_id", java.util.UUID.class),
                            row.getObject("warehouse_id", java.util.UUID.class), row.getString("batch_number"),
                            expiry == null ? null : expiry.toLocalDate(),
                            row.getTimestamp("received_at").toInstant(), row.getString("location"),
                            row.getBigDecimal("unit_cost"), quantity, reserved,
                            "ACTIVE".equals(status) ? quantity - reserved : 0, status,
                            row.getString("quarantine_reason"), row.getTimestamp("updated_at").toInstant());
                });
    }
}
