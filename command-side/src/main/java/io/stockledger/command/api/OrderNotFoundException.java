package io.stockledger.command.api;

/** No order with this id was reserved, or the order has no line with this id. */
public final class OrderNotFoundException extends LedgerRefusal {

    private OrderNotFoundException(String code, String message) {
        super(code, Category.NOT_FOUND, message);
    }

    public static OrderNotFoundException order(String orderId) {
        return new OrderNotFoundException("ORDER_NOT_FOUND", "no order " + orderId);
    }

    public static OrderNotFoundException line(String orderId, String lineId) {
        return new OrderNotFoundException("ORDER_LINE_NOT_FOUND", "order " + orderId + " has no line " + lineId);
    }
}
