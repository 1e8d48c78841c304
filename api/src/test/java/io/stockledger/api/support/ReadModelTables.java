package io.stockledger.api.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;

/**
 * Every row of every read-model table, each as (table, key, its values as text), in one fixed order: two snapshots are
 * equal exactly when the read models hold the same. What replaying or rebuilding the read models must leave as it was.
 */
public final class ReadModelTables {

    /** The read-model tables, which a rebuild replaces. */
    public static final List<String> NAMES = List.of("stock_balance", "reservation", "stock_movement", "stock_lot",
            "stock_transfer");

    private static final String EVERY_ROW_IN_ORDER = """
            SELECT 'balance' AS t, product_id::text || warehouse_id::text AS k,
                   on_hand || '/' || reserved || '/' || available || '/' || last_sequence AS v FROM stock_balance
            UNION ALL
            SELECT 'reservation', reservation_id::text,
                   status || '/' || quantity || '/' || last_sequence || '/' || coalesce(lots::text, '-')
              FROM reservation
            UNION ALL
            SELECT 'movement', global_position::text,
                   movement_type || '/' || on_hand_delta || '/' || reserved_delta || '/' || event_id
              FROM stock_movement
            UNION ALL
            SELECT 'lot', product_id::text || warehouse_id::text || batch_number,
                   quantity || '/' || reserved || '/' || last_sequence || '/' || coalesce(quarantine_reason, '-')
              FROM stock_lot
            UNION ALL
            SELECT 'transfer', transfer_id::text, status || '/' || quantity FROM stock_transfer
            ORDER BY 1, 2""";

    private ReadModelTables() {
    }

    public static List<Map<String, Object>> snapshot(JdbcTemplate jdbc) {
        return jdbc.queryForList(EVERY_ROW_IN_ORDER);
    }
}
