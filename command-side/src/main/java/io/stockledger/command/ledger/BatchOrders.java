package io.stockledger.command.ledger;

import io.stockledger.command.order.OrderBook;
import io.stockledger.command.order.RecordedOrder;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order book as a batch of orders sees it: every order the batch names is read in one query before any is
 * decided (a recorded order never changes), then looked up here. An id found missing is missing for the rest of the
 * batch, unless an order of the batch reserves it: from then on it is looked up in the book again.
 */
final class BatchOrders {

    private final OrderBook book;
    private final Map<String, RecordedOrder> found;
    private final Set<String> missing;

    BatchOrders(OrderBook book, Collection<String> orderIds) {
        this.book = book;
        this.found = book.findAll(orderIds);
        this.missing = new HashSet<>(orderIds);
        this.missing.removeAll(found.keySet());
    }

    Optional<RecordedOrder> find(String orderId) {
        RecordedOrder order = found.get(orderId);
        if (order != null) {
            return Optional.of(order);
        }
        return missing.contains(orderId) ? Optional.empty() : book.find(orderId);
    }

    /** An order of the batch with this id was decided: it may have been recorded. */
    void decided(String orderId) {
        missing.remove(orderId);
    }
}
