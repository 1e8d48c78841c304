package io.stockledger.query.availability;

import io.stockledger.query.api.AvailabilityView;
import io.stockledger.query.api.FindAvailability;
import io.stockledger.query.blocked.BlockedUnits;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Answers {@link FindAvailability}: many products' balances in every warehouse (or one), for a storefront's product
 * page or cart. One SQL statement for the whole question however many products it names: a cart of 100 products is
 * one round trip and one index scan of {@code stock_balance} by product, with each SKU's blocked units from
 * {@code stock_lot} ({@link BlockedUnits}, the rule {@code FindStockBalance} follows), not 100 queries.
 */
@Component
class AvailabilityQueries {

    private static final String BALANCES = """
            SELECT b.product_id, b.warehouse_id, b.on_hand, b.reserved, %s AS blocked
              FROM stock_balance b
             WHERE b.product_id = ANY(?)""".formatted(BlockedUnits.of("b.product_id", "b.warehouse_id"));
    private static final String ORDER = " ORDER BY b.product_id, b.warehouse_id";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AvailabilityQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One view per distinct product, in the order the products were first named; a product without any balance row
     * (never received, or not in the warehouse asked for) gets none and 0 available. Warehouses in id order.
     */
    @QueryHandler
    List<AvailabilityView> handle(FindAvailability query) {
        LinkedHashSet<UUID> products = new LinkedHashSet<>(query.productIds());
        Map<UUID, List<AvailabilityView.Warehouse>> found = new HashMap<>();
        RowCallbackHandler collect = row -> {
            long onHand = row.getLong(3);
            long reserved = row.getLong(4);
            long blocked = row.getLong(5);
            found.computeIfAbsent(row.getObject(1, UUID.class), product -> new ArrayList<>())
                    .add(new AvailabilityView.Warehouse(row.getObject(2, UUID.class), onHand, reserved,
                            onHand - reserved - blocked, blocked));
        };
        jdbc.query(connection -> {
            boolean oneWarehouse = query.warehouseId() != null;
            var statement = connection.prepareStatement(
                    BALANCES + (oneWarehouse ? " AND b.warehouse_id = ?" : "") + ORDER);
            statement.setDate(1, BlockedUnits.today(clock));
            statement.setArray(2, connection.createArrayOf("uuid", products.toArray()));
            if (oneWarehouse) {
                statement.setObject(3, query.warehouseId());
            }
            return statement;
        }, collect);
        return products.stream().map(product -> {
            List<AvailabilityView.Warehouse> warehouses = found.getOrDefault(product, List.of());
            long available = warehouses.stream().mapToLong(AvailabilityView.Warehouse::available).sum();
            return new AvailabilityView(product, available, warehouses);
        }).toList();
    }
}
