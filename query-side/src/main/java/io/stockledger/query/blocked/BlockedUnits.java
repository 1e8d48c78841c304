package io.stockledger.query.blocked;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * What "blocked" means in the read models, as SQL: the unreserved units of a SKU's lots that are quarantined or past
 * their expiry date. Expiry needs no event, so it is judged when a query runs, at the UTC date of the service's
 * clock ({@link #today(Clock)}). A lot's reserved units stay reserved when it is blocked, which is why they are not
 * counted here: {@code available = on_hand - reserved - blocked} counts nothing twice.
 * <p>
 * One definition for every query that reports blocked or available units, so that two of them can never disagree.
 */
public final class BlockedUnits {

    private BlockedUnits() {
    }

    /**
     * A scalar subquery: the blocked units of the SKU in the given columns of the enclosing query (e.g.
     * {@code "b.product_id", "b.warehouse_id"}), 0 when it has none. It takes one parameter, the date lots are judged
     * at: bind {@link #today(Clock)}.
     */
    public static String of(String productColumn, String warehouseColumn) {
        return """
                (SELECT coalesce(sum(l.quantity - l.reserved), 0) FROM stock_lot l
                  WHERE l.product_id = %s AND l.warehouse_id = %s
                    AND (l.quarantine_reason IS NOT NULL OR l.expiry_date < ?))""".formatted(productColumn,
                warehouseColumn);
    }

    /** The date lots are judged at: today in UTC. A lot expires once its expiry date is over. */
    public static Date today(Clock clock) {
        return Date.valueOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }
}
