package io.stockledger.command.api;

/**
 * The order in which a SKU's lots are allocated to reservations, transfers and unnamed negative adjustments.
 * FEFO (the default) sends the earliest expiry out first, lots without expiry last, ties by received-at; FIFO sends
 * the earliest received first. Both break remaining ties by batch number so the choice is deterministic.
 */
public enum PickingPolicy {
    FEFO,
    FIFO;

    /** The policy of a SKU that never chose one. */
    public static final PickingPolicy DEFAULT = FEFO;
}
