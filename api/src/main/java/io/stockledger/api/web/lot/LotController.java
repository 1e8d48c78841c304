package io.stockledger.api.web.lot;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.ProductIdParameter;
import io.stockledger.api.web.WarehouseIdParameter;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.PathIds;
import io.stockledger.api.web.RequestOrigin;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.LotStatus;
import io.stockledger.command.api.QuarantineLot;
import io.stockledger.command.api.ReleaseLotFromQuarantine;
import io.stockledger.command.api.SetPickingPolicy;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.query.api.FindLots;
import io.stockledger.query.api.LotView;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Lots for warehouse operators and quality staff: which lots a SKU has and in what state, quarantine, and the order
 * in which lots are picked. The OpenAPI annotations describe what is particular to each endpoint; what every /v1
 * endpoint shares is added by {@code io.stockledger.api.web.openapi}.
 */
@Tag(name = OpenApiConfiguration.LOTS)
@ApiResponse(responseCode = "503", description = """
        `LEDGER_UNAVAILABLE`: the ledger could not answer in time; retrying the same request is safe.""")
@RestController
@RequestMapping("/v1")
record LotController(Ledger ledger, Clock clock) {

    private static final int MAX_LIMIT = 1000;

    @Operation(operationId = "listBatches", summary = "List lots", description = """
            Lots with their quantity, reserved, available, expiry and status, from the read model. Filter by \
            product and/or warehouse (at least one), by status, and by expiry (`expiring_before`: lots whose \
            expiry date is before that date; lots that never expire are left out). Statuses are judged at \
            today's date (UTC), returned as `status_date`.""")
    @ApiResponse(responseCode = "200", description = "The lots, per SKU soonest expiry first.")
    @RequiresPermission(Permission.READ)
    @GetMapping("/batches")
    BatchListResponse batches(
            @ProductIdParameter @RequestParam(name = "product_id", required = false) String productId,
            @WarehouseIdParameter @RequestParam(name = "warehouse_id", required = false) String warehouseId,
            @Parameter(description = "Only lots in this status.", schema = @Schema(implementation = LotStatus.class))
            @RequestParam(name = "status", required = false) String status,
            @Parameter(description = "Only lots expiring before this date (YYYY-MM-DD).",
                    schema = @Schema(type = "string", format = "date"))
            @RequestParam(name = "expiring_before", required = false) String expiringBefore,
            @Parameter(description = "At most this many lots (1 to 1000, default 100).",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "100"))
            @RequestParam(name = "limit", required = false, defaultValue = "100") String limit) {
        if (productId == null && warehouseId == null) {
            throw new InvalidParameterException("product_id", "give product_id, warehouse_id or both");
        }
        UUID product = productId == null ? null : PathIds.uuid("product_id", productId);
        UUID warehouse = warehouseId == null ? null : PathIds.uuid("warehouse_id", warehouseId);
        if (status != null && Arrays.stream(LotStatus.values()).noneMatch(s -> s.name().equals(status))) {
            throw new InvalidParameterException("status", "must be one of " + Arrays.toString(LotStatus.values()));
        }
        LocalDate before = expiringBefore == null ? null : date("expiring_before", expiringBefore);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        FindLots query = new FindLots(product, warehouse, status, before, today, limit(limit));
        List<LotView> lots = ledger.askAll(query, LotView.class);
        return new BatchListResponse(lots.stream().map(BatchResponse::of).toList(), today);
    }

    @Operation(operationId = "quarantineBatch", summary = "Quarantine a lot", description = """
            Blocks a lot: its units stay on hand but are never available or allocated until it is released. \
            Units already reserved from it stay reserved; confirming such a reservation ships other usable units \
            instead, or is refused. Quarantining a quarantined lot changes nothing.""")
    @ApiResponse(responseCode = "200", description = "The lot, `QUARANTINED` (or `EXPIRED`).")
    @ApiResponse(responseCode = "404", description = "`LOT_NOT_FOUND`: no such lot of this product here.")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/batches/quarantine")
    BatchResponse quarantine(@Valid @RequestBody LotRequest body, HttpServletRequest request) throws LedgerRefusal {
        QuarantineLot command = new QuarantineLot(ledgerId(body.productId(), body.warehouseId()),
                body.batchNumber(), body.reason());
        return BatchResponse.of(ledger.quarantine(command, RequestOrigin.of(request)));
    }

    @Operation(operationId = "releaseBatchFromQuarantine", summary = "Release a lot from quarantine", description = """
            Lifts a lot's quarantine: its units are available again unless the lot has expired. Releasing a lot \
            that is not quarantined changes nothing.""")
    @ApiResponse(responseCode = "200", description = "The lot.")
    @ApiResponse(responseCode = "404", description = "`LOT_NOT_FOUND`: no such lot of this product here.")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/batches/quarantine/release")
    BatchResponse release(@Valid @RequestBody LotRequest body, HttpServletRequest request) throws LedgerRefusal {
        ReleaseLotFromQuarantine command = new ReleaseLotFromQuarantine(ledgerId(body.productId(),
                body.warehouseId()), body.batchNumber(), body.reason());
        return BatchResponse.of(ledger.releaseFromQuarantine(command, RequestOrigin.of(request)));
    }

    @Operation(operationId = "setPickingPolicy", summary = "Set the picking policy", description = """
            Chooses the order in which the product's lots in this warehouse are allocated to reservations, \
            transfers and unplaced losses: `FEFO` (default) or `FIFO`. Allowed before the first receipt. Setting \
            the policy in force again changes nothing.""")
    @ApiResponse(responseCode = "200", description = "The policy now in force.")
    @RequiresPermission(Permission.ADMIN)
    @PutMapping("/stock/{product_id}/{warehouse_id}/picking-policy")
    PolicyResponse pickingPolicy(@ProductIdParameter @PathVariable("product_id") String productId,
                                 @WarehouseIdParameter @PathVariable("warehouse_id") String warehouseId,
                                 @Valid @RequestBody PolicyRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        StockLedgerId id = new StockLedgerId(PathIds.uuid("product_id", productId),
                PathIds.uuid("warehouse_id", warehouseId));
        return new PolicyResponse(id.productId(), id.warehouseId(),
                ledger.setPickingPolicy(new SetPickingPolicy(id, body.policy()), RequestOrigin.of(request)));
    }

    private static LocalDate date(String parameter, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, "must be a date as YYYY-MM-DD");
        }
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new InvalidParameterException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static StockLedgerId ledgerId(String productId, String warehouseId) {
        return new StockLedgerId(UUID.fromString(productId), UUID.fromString(warehouseId));
    }
}
