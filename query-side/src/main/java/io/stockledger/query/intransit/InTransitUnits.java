package io.stockledger.query.intransit;

/**
 * What "in transit" means in the read models, as SQL: the units of transfers shipped and not yet received or
 * returned, counted for the receiving warehouse ({@code in_transit_in}) and the shipping one ({@code in_transit_out}).
 * They belong to neither warehouse's on hand. One definition for every query that reports them, so that the balance
 * of one SKU and the console's list of SKUs can never disagree.
 */
public final class InTransitUnits {

    private InTransitUnits() {
    }

    /**
     * Two select-list columns, {@code in_transit_in} and {@code in_transit_out}, for the SKU in the given columns of
     * the enclosing query (e.g. {@code "b.product_id", "b.warehouse_id"}), each 0 when nothing is under way. They
     * take no parameter.
     */
    public static String columns(String productColumn, String warehouseColumn) {
        return """
                (SELECT coalesce(sum(t.quantity), 0) FROM stock_transfer t
                  WHERE t.product_id = %1$s AND t.to_warehouse_id = %2$s
                    AND t.status = 'IN_TRANSIT') AS in_transit_in,
                (SELECT coalesce(sum(t.quantity), 0) FROM stock_transfer t
                  WHERE t.product_id = %1$s AND t.from_warehouse_id = %2$s
                    AND t.status = 'IN_TRANSIT') AS in_transit_out""".formatted(productColumn, warehouseColumn);
    }
}
