package io.stockledger.command.api;

/** An order with this id was already reserved, under another idempotency key: order ids are single-use. */
public final class OrderExistsException extends LedgerRefusal {

    public OrderExistsException(String orderId) {
        super(RefusalCode.ORDER_EXISTS, "order " + orderId + " was already reserved by another request");
    }
}
