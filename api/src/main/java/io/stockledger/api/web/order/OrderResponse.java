package io.stockledger.api.web.order;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.api.web.AnsweredWarehouseId;
import io.stockledger.command.api.OrderOutcome;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.events.LotQuantity;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** An order as the API shows it. */
@Schema(name = "Order", description = "An order, its lines and the reservations they are allocated to.")
public record OrderResponse(
        @Schema(requiredMode = REQUIRED, description = "The client's order id.") String orderId,
        @Schema(requiredMode = REQUIRED, implementation = ReservationStatus.class, description = """
                `PENDING` while any line is; then `CONFIRMED` if any line was confirmed, else `RELEASED` if any was \
                released, else `EXPIRED`.""")
        String status,
        @Schema(requiredMode = REQUIRED, description = "When the order's reservations expire, all together.")
        Instant expiresAt,
        @Schema(requiredMode = REQUIRED, description = "When the order was reserved.") Instant createdAt,
        @Schema(requiredMode = REQUIRED, description = "The lines, in the order of the request.") List<Line> lines,
        @Schema(requiredMode = REQUIRED,
                description = "True when this answers a repeated request and nothing was written.")
        boolean replayed) {

    @Schema(name = "OrderLine", description = "One line and where it is taken from.")
    public record Line(
            @Schema(requiredMode = REQUIRED, description = "The line's id.") String lineId,
            @AnsweredProductId UUID productId,
            @Schema(requiredMode = REQUIRED, description = "Units of the line.") int quantity,
            @Schema(requiredMode = REQUIRED, implementation = ReservationStatus.class,
                    description = "The line's status, from its allocations' as for the order.") String status,
            @Schema(requiredMode = REQUIRED, description = """
                    The reservations serving the line, one per warehouse it is taken from (several only when it \
                    had to be split).""")
            List<Allocation> allocations) {
    }

    @Schema(name = "OrderAllocation", description = "The part of a line one warehouse serves: an ordinary reservation.")
    public record Allocation(
            @AnsweredWarehouseId UUID warehouseId,
            @Schema(requiredMode = REQUIRED, description = """
                    The reservation; `GET /v1/reservations/{reservation_id}` shows it with the order and line.""")
            UUID reservationId,
            @Schema(requiredMode = REQUIRED, description = "Units served from this warehouse.") int quantity,
            @Schema(description = "The lots the units are allocated from, in picking order.")
            List<LotQuantity> lots,
            @Schema(requiredMode = REQUIRED, implementation = ReservationStatus.class,
                    description = "The reservation's status.") String status) {
    }

    static OrderResponse of(OrderOutcome order) {
        return new OrderResponse(order.orderId(), order.status().name(), order.expiresAt(), order.createdAt(),
                order.lines().stream().map(line -> new Line(line.lineId(), line.productId(), line.quantity(),
                        line.status().name(), line.allocations().stream().map(allocation -> new Allocation(
                                allocation.warehouseId(), allocation.reservationId(), allocation.quantity(),
                                allocation.lots(), allocation.status().name())).toList())).toList(),
                order.replayed());
    }
}
