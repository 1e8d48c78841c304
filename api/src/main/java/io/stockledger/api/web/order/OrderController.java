package io.stockledger.api.web.order;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.RequestOrigin;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.web.openapi.LedgerUnavailableResponse;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.OrderLineRequest;
import io.stockledger.command.api.OrderNotFoundException;
import io.stockledger.command.api.ReleaseOrder;
import io.stockledger.command.api.ReserveOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Orders: many lines, possibly over several warehouses, reserved, confirmed and released all or nothing. Each line's
 * allocation is an ordinary reservation, so everything that works on reservations works on an order's too.
 */
@Tag(name = OpenApiConfiguration.ORDERS)
@LedgerUnavailableResponse
@RestController
@RequestMapping("/v1/orders")
record OrderController(Ledger ledger) {

    static final int ORDER_ID_LENGTH = 128;
    static final int LINE_ID_LENGTH = 64;

    @Operation(operationId = "reserveOrder", summary = "Reserve an order", description = """
            Reserves every line of an order for `ttl_seconds`, all or nothing, in one transaction over every \
            warehouse involved. Each line is taken from its own `warehouse_id`, or else from `warehouse_ids` by \
            `sourcing`; lines of the same product in the same warehouse must be covered together. Lots, FEFO/FIFO \
            and shelf life apply per line as for a single reservation. Idempotent by `idempotency_key`: the same \
            request again returns the first answer (`replayed: true`) and writes nothing.""")
    @ApiResponse(responseCode = "200", description = "The order, `PENDING`, with each line's allocations.")
    @ApiResponse(responseCode = "409", description = """
            `INSUFFICIENT_STOCK` or `INSUFFICIENT_SHELF_LIFE` (when only shelf life is short): some lines cannot \
            be served; `shortages` lists each with `line_id`, `product_id`, `requested` and `available`. Nothing is \
            written on any ledger. `ORDER_EXISTS`: this order id was reserved before with another idempotency \
            key.""")
    @ApiResponse(responseCode = "422", description = """
            `IDEMPOTENCY_KEY_REUSED`: the key was already used for a different request. Also for duplicate \
            `line_id`s or `warehouse_ids`, and for a line that names no warehouse when the order lists none.""")
    @RequiresPermission(Permission.RESERVE)
    @PostMapping("/reserve")
    OrderResponse reserve(@Valid @RequestBody ReserveOrderRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        return OrderResponse.of(ledger.reserveOrder(commandOf(body), RequestOrigin.of(request)));
    }

    @Operation(operationId = "confirmOrder", summary = "Confirm an order", description = """
            Confirms every reservation of the order (payment succeeded), in one transaction: all of them, or none. \
            Works the instant the reserve call has returned, on any instance. Idempotent: confirming a confirmed \
            order returns it unchanged (`replayed: true`). Lines released before (one by one) stay released.""")
    @ApiResponse(responseCode = "200", description = "The order, `CONFIRMED`.")
    @ApiResponse(responseCode = "404", description = "`ORDER_NOT_FOUND`: no order has this id.")
    @ApiResponse(responseCode = "409", description = """
            As for a single reservation, for the first line that cannot be confirmed: `RESERVATION_EXPIRED` (the \
            order's `expires_at` has passed), `RESERVATION_RELEASED`, `RESERVED_LOT_UNAVAILABLE`. Nothing is \
            confirmed then.""")
    @RequiresPermission(Permission.CONFIRM)
    @PostMapping("/{order_id}/confirm")
    OrderResponse confirm(@OrderIdParameter @PathVariable("order_id") String orderId,
                          HttpServletRequest request) throws LedgerRefusal {
        return OrderResponse.of(ledger.confirmOrder(
                OrderIds.fromPath("order_id", orderId, ORDER_ID_LENGTH), RequestOrigin.of(request)));
    }

    @Operation(operationId = "releaseOrder", summary = "Release an order", description = """
            Releases every reservation of the order still pending (the order was cancelled), in one transaction. \
            Idempotent. Lines confirmed meanwhile by reservation id stay confirmed.""")
    @ApiResponse(responseCode = "200", description = "The order, `RELEASED` (or as its lines are).")
    @ApiResponse(responseCode = "404", description = "`ORDER_NOT_FOUND`: no order has this id.")
    @ApiResponse(responseCode = "409", description = "`RESERVATION_CONFIRMED`: the order was confirmed already.")
    @RequiresPermission(Permission.RELEASE)
    @PostMapping("/{order_id}/release")
    OrderResponse release(@OrderIdParameter @PathVariable("order_id") String orderId,
                          HttpServletRequest request) throws LedgerRefusal {
        return OrderResponse.of(ledger.releaseOrder(ReleaseOrder.whole(
                OrderIds.fromPath("order_id", orderId, ORDER_ID_LENGTH)), RequestOrigin.of(request)));
    }

    @Operation(operationId = "releaseOrderLine", summary = "Release one line of an order", description = """
            Releases one line's reservations (the customer removed it from the cart); the other lines stay \
            pending and the order can still be confirmed. Idempotent.""")
    @ApiResponse(responseCode = "200", description = "The order, with the line `RELEASED`.")
    @ApiResponse(responseCode = "404", description = """
            `ORDER_NOT_FOUND`: no order has this id; `ORDER_LINE_NOT_FOUND`: the order has no such line.""")
    @ApiResponse(responseCode = "409", description = "`RESERVATION_CONFIRMED`: the line was confirmed already.")
    @RequiresPermission(Permission.RELEASE)
    @PostMapping("/{order_id}/lines/{line_id}/release")
    OrderResponse releaseLine(@OrderIdParameter @PathVariable("order_id") String orderId,
                              @Parameter(description = "The line's id.", schema = @Schema(type = "string",
                                      pattern = OrderIds.PATTERN, maxLength = LINE_ID_LENGTH))
                              @PathVariable("line_id") String lineId,
                              HttpServletRequest request) throws LedgerRefusal {
        return OrderResponse.of(ledger.releaseOrder(ReleaseOrder.line(
                OrderIds.fromPath("order_id", orderId, ORDER_ID_LENGTH),
                OrderIds.fromPath("line_id", lineId, LINE_ID_LENGTH)), RequestOrigin.of(request)));
    }

    @Operation(operationId = "getOrder", summary = "Read an order", description = """
            The order, its lines and their reservations with their current status. Known the instant the reserve \
            call has returned; statuses come from the read model, which follows the ledger within milliseconds.""")
    @ApiResponse(responseCode = "200", description = "The order.")
    @ApiResponse(responseCode = "404", description = "`ORDER_NOT_FOUND`: no order has this id.")
    @RequiresPermission(Permission.READ)
    @GetMapping("/{order_id}")
    OrderResponse get(@OrderIdParameter @PathVariable("order_id") String orderId)
            throws LedgerRefusal {
        String id = OrderIds.fromPath("order_id", orderId, ORDER_ID_LENGTH);
        return OrderResponse.of(ledger.findOrder(id).orElseThrow(() -> OrderNotFoundException.order(id)));
    }

    /** The command, once the rules across fields hold (the field-by-field ones are the request record's). */
    private static ReserveOrder commandOf(ReserveOrderRequest body) {
        List<UUID> warehouses = body.warehouseIds() == null ? List.of()
                : body.warehouseIds().stream().map(UUID::fromString).toList();
        if (new HashSet<>(warehouses).size() != warehouses.size()) {
            throw new InvalidParameterException("warehouse_ids", "must not name a warehouse twice");
        }
        Set<String> lineIds = new HashSet<>();
        for (int i = 0; i < body.lines().size(); i++) {
            ReserveOrderRequest.Line line = body.lines().get(i);
            String at = "lines[" + i + "].";
            if (!lineIds.add(line.lineId())) {
                throw new InvalidParameterException(at + "line_id", "must be unique within the order");
            }
            if (line.minExpiryDate() != null && line.minShelfLifeDays() != null) {
                throw new InvalidParameterException(at + "min_shelf_life_days",
                        "give min_expiry_date or min_shelf_life_days, not both");
            }
            if (line.warehouseId() == null && warehouses.isEmpty()) {
                throw new InvalidParameterException(at + "warehouse_id",
                        "is required when the order gives no warehouse_ids");
            }
        }
        List<OrderLineRequest> lines = body.lines().stream().map(line -> new OrderLineRequest(line.lineId(),
                UUID.fromString(line.productId()), line.quantity(),
                line.warehouseId() == null ? null : UUID.fromString(line.warehouseId()), line.minExpiryDate(),
                line.minShelfLifeDays())).toList();
        return new ReserveOrder(body.orderId(), body.idempotencyKey(), Duration.ofSeconds(body.ttlSeconds()),
                body.sourcing(), warehouses, lines);
    }
}
