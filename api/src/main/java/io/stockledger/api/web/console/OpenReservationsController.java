package io.stockledger.api.web.console;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.ProductIdParameter;
import io.stockledger.api.web.WarehouseIdParameter;
import io.stockledger.api.web.PathIds;
import io.stockledger.api.web.audit.AuditParameters;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.web.reservation.ReservationResponse;
import io.stockledger.query.api.FindOpenReservations;
import io.stockledger.query.api.ReservationView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A SKU's pending reservations, for its page in the console: who holds what, until when, for which order. */
@Tag(name = OpenApiConfiguration.CONSOLE)
@RestController
record OpenReservationsController(Ledger ledger) {

    /** The pending reservations, oldest first. */
    record OpenReservationsResponse(@Schema(requiredMode = REQUIRED) List<ReservationResponse> reservations) {
    }

    @Operation(operationId = "listOpenReservations", summary = "A SKU's pending reservations", description = """
            The reservations of this product in this warehouse that are still `PENDING`, oldest first, with their \
            lots and, for an order's line, `order_id` and `line_id`; at most `limit` (1..500, default 100).""")
    @ApiResponse(responseCode = "200", description = "The pending reservations, possibly none.")
    @RequiresPermission(Permission.READ)
    @GetMapping("/v1/console/stock/{product_id}/{warehouse_id}/reservations")
    OpenReservationsResponse reservations(
            @ProductIdParameter @PathVariable("product_id") String productId,
            @WarehouseIdParameter @PathVariable("warehouse_id") String warehouseId,
            @ConsoleLimit("At most this many reservations.")
            @RequestParam(name = "limit", required = false) String limit,
            HttpServletRequest request) {
        var product = PathIds.uuid("product_id", productId);
        var warehouse = PathIds.uuid("warehouse_id", warehouseId);
        AuditParameters.onlyKnown(request, Set.of("limit"));
        int size = AuditParameters.limit(limit, ConsoleLimit.DEFAULT, ConsoleLimit.MAX);
        return new OpenReservationsResponse(ledger.askAll(new FindOpenReservations(product, warehouse, size),
                ReservationView.class).stream().map(ReservationResponse::of).toList());
    }
}
