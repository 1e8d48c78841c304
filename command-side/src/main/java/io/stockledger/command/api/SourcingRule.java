package io.stockledger.command.api;

/** How an order's lines that name no warehouse of their own are given one from the order's list. */
public enum SourcingRule {

    /**
     * Each line from the first warehouse in the list that can cover it; a line no single warehouse can cover is
     * split over the warehouses in list order.
     */
    PRIORITY,

    /** Every such line from the first warehouse in the list that can cover all of them; refused when none can. */
    SINGLE_WAREHOUSE;

    public static final SourcingRule DEFAULT = PRIORITY;
}
