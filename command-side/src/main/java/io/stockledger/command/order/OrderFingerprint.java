package io.stockledger.command.order;

import io.stockledger.command.api.OrderLineRequest;
import io.stockledger.command.api.ReserveOrder;

import java.util.stream.Collectors;

/**
 * What makes two order requests the same request: everything the client chose. A retry with the same idempotency key
 * must match it exactly, or it is a different request reusing the key.
 */
public final class OrderFingerprint {

    private OrderFingerprint() {
    }

    public static String of(ReserveOrder order) {
        return "order ttl=" + order.ttl().toSeconds() + " sourcing=" + order.sourcing() + " warehouses="
                + order.warehouseIds() + " lines=" + order.lines().stream().map(OrderFingerprint::of)
                .collect(Collectors.joining(";", "[", "]"));
    }

    private static String of(OrderLineRequest line) {
        return line.lineId() + "," + line.productId() + "," + line.quantity() + "," + line.warehouseId() + ","
                + line.minExpiryDate() + "," + line.minShelfLifeDays();
    }
}
