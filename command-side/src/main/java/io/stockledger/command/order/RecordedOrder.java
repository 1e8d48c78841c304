package io.stockledger.command.order;

import io.stockledger.command.api.OrderOutcome;
import io.stockledger.command.api.StockLedgerId;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * An order as it was reserved: the request's key and fingerprint (to recognise a retry) and what each line was
 * allocated to. What has become of the reservations since is the ledgers' to say.
 */
public record RecordedOrder(String orderId, String idempotencyKey, String fingerprint, Instant createdAt,
                            Instant expiresAt, List<OrderOutcome.Line> lines) {

    public RecordedOrder {
        lines = List.copyOf(lines);
    }

    /** The ledgers holding the order's reservations, in the order they are taken: by ledger id. */
    public Set<StockLedgerId> ledgers() {
        Set<StockLedgerId> ledgers = new TreeSet<>();
        lines.forEach(line -> line.allocations().forEach(allocation ->
                ledgers.add(new StockLedgerId(line.productId(), allocation.warehouseId()))));
        return ledgers;
    }

    /** The first answer: every reservation pending. */
    public OrderOutcome asFirstAnswered() {
        return new OrderOutcome(orderId, createdAt, expiresAt, lines, false);
    }

    /** The order with each allocation (of a product) as {@code update} says it is now: its status, say. */
    public OrderOutcome with(BiFunction<UUID, OrderOutcome.Allocation, OrderOutcome.Allocation> update,
                             boolean replayed) {
        List<OrderOutcome.Line> now = lines.stream().map(line -> new OrderOutcome.Line(line.lineId(),
                line.productId(), line.quantity(), line.allocations().stream()
                .map(allocation -> update.apply(line.productId(), allocation)).toList())).toList();
        return new OrderOutcome(orderId, createdAt, expiresAt, now, replayed);
    }
}
