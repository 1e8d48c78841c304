package io.stockledger.command.api;

/**
 * The order was cancelled: every reservation of the order still pending is released, in one transaction; with
 * {@code lineId}, only that line's (the customer removed it), and the rest of the order stays pending.
 */
public record ReleaseOrder(String orderId, String lineId) implements SeveralLedgersCommand {

    public ReleaseOrder {
        Guard.present("orderId", orderId);
        Guard.notBlankIfGiven("lineId", lineId);
    }

    public static ReleaseOrder whole(String orderId) {
        return new ReleaseOrder(orderId, null);
    }

    public static ReleaseOrder line(String orderId, String lineId) {
        Guard.present("lineId", lineId);
        return new ReleaseOrder(orderId, lineId);
    }
}
