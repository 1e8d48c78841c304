package io.stockledger.command.api;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One line of an order to reserve: a quantity of a product, from its own warehouse if it names one, else from the
 * order's warehouses. At most one of {@code minExpiryDate} and {@code minShelfLifeDays}, as for a single reservation.
 */
public record OrderLineRequest(
        String lineId,
        UUID productId,
        int quantity,
        UUID warehouseId,
        LocalDate minExpiryDate,
        Integer minShelfLifeDays) {

    public OrderLineRequest {
        Guard.present("lineId", lineId);
        Guard.present("productId", productId);
        Guard.positive("quantity", quantity);
        Guard.shelfLife(minExpiryDate, minShelfLifeDays);
    }
}
