package io.stockledger.api.web.console;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.ProductIdParameter;
import io.stockledger.api.web.WarehouseIdParameter;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.audit.AuditParameters;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.web.stock.StockResponse;
import io.stockledger.query.api.FindLedgers;
import io.stockledger.query.api.StockBalanceView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** Finds SKUs for the console's stock search: a product's in every warehouse, or a warehouse's every product. */
@Tag(name = OpenApiConfiguration.CONSOLE)
@RestController
record LedgerSearchController(Ledger ledger) {

    private static final Set<String> PARAMETERS = Set.of("product_id", "warehouse_id", "limit");
    /** The SKUs found, each with the figures of {@code GET /v1/stock/{product_id}/{warehouse_id}}. */
    record LedgersResponse(@Schema(requiredMode = REQUIRED, description = "In product, then warehouse order.")
                           List<StockResponse> ledgers) {
    }

    @Operation(operationId = "searchLedgers", summary = "Find SKUs by product or warehouse", description = """
            The SKUs of a product (in every warehouse), of a warehouse (every product), or of both, from the \
            balance read model: on hand, reserved, available, blocked and in transit each. At least one of \
            `product_id` and `warehouse_id`; at most `limit` (1..500, default 100).""")
    @ApiResponse(responseCode = "200", description = "The SKUs found, possibly none.")
    @ApiResponse(responseCode = "422", description = """
            Also when neither `product_id` nor `warehouse_id` is given, for a `limit` outside 1..500, or an \
            unknown query parameter.""")
    @RequiresPermission(Permission.READ)
    @GetMapping("/v1/console/ledgers")
    LedgersResponse search(
            @ProductIdParameter @RequestParam(name = "product_id", required = false) String productId,
            @WarehouseIdParameter @RequestParam(name = "warehouse_id", required = false) String warehouseId,
            @ConsoleLimit("At most this many SKUs.")
            @RequestParam(name = "limit", required = false) String limit,
            HttpServletRequest request) {
        AuditParameters.onlyKnown(request, PARAMETERS);
        UUID product = AuditParameters.optionalUuid("product_id", productId);
        UUID warehouse = AuditParameters.optionalUuid("warehouse_id", warehouseId);
        if (product == null && warehouse == null) {
            throw new InvalidParameterException("product_id", "product_id or warehouse_id is required");
        }
        int size = AuditParameters.limit(limit, ConsoleLimit.DEFAULT, ConsoleLimit.MAX);
        return new LedgersResponse(ledger.askAll(new FindLedgers(product, warehouse, size), StockBalanceView.class)
                .stream().map(StockResponse::of).toList());
    }
}
