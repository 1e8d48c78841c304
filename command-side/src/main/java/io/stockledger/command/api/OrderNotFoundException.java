package io.stockledger.command.api;

/** No order with this id was reserved, or the order has no line with this id. */
public final class OrderNotFoundException extends LedgerRefusal {

    private OrderNotFoundException(RefusalCode code, String message) {
        super(code, message);
    }

    public static OrderNotFoundException order(String orderId) {
        return new OrderNotFoundException(RefusalCode.ORDER_NOT_FOUND, "no order " + orderId);
    }

    public static OrderNotFoundException line(String orderId, String lineId) {
        return new OrderNotFoundException(RefusalCode.ORDER_LINE_NOT_FOUND, "order " + orderId + " has no line " + lineId);
    }
}
