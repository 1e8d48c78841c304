package io.stockledger.api.web.audit;

import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.ProductIdParameter;
import io.stockledger.api.web.WarehouseIdParameter;
import io.stockledger.api.web.PathIds;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.command.api.LedgerRefusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;
import java.util.UUID;

/**
 * An auditor asks what a balance was at a past instant: the ledger's events from the event store, folded in
 * sequence order up to the last one whose own timestamp is at or before {@code as_of}. The same answer as
 * {@code GET /v1/stock/{product_id}/{warehouse_id}?as_of=} ({@link PastBalances} answers both).
 *
 * <p>Answers: a ledger with no event at all is 404 {@code STOCK_LEDGER_NOT_FOUND}, as for its history. A known
 * ledger asked about an instant before its first event is 200 with on hand, reserved and available all 0 and
 * {@code sequence_number} null: the stock really was zero then. {@code as_of} is required; a missing or malformed
 * {@code as_of}, a malformed id or an unknown query parameter is 422 naming it.
 */
@Tag(name = OpenApiConfiguration.AUDIT)
@ApiResponse(responseCode = "503", description = """
        `LEDGER_UNAVAILABLE`: the ledger could not answer in time (e.g. the database is down); retrying is safe.""")
@RestController
@RequestMapping("/v1/ledger")
record LedgerBalanceController(PastBalances pastBalances) {

    private static final Set<String> PARAMETERS = Set.of("as_of");

    @Operation(operationId = "getLedgerBalanceAsOf", summary = "Read a balance at a past instant", description = """
            On hand, reserved and available for a product in a warehouse as they stood at `as_of`, computed from \
            the event store (not from a read model): the ledger's events in sequence order, up to the last one \
            whose timestamp is at or before `as_of`, whose sequence number is returned. Before the ledger's first \
            event the balance is all zeros with `sequence_number` `null`. Unknown query parameters are refused \
            (422).""")
    @ApiResponse(responseCode = "200", description = "The balance at `as_of`.")
    @ApiResponse(responseCode = "404", description = """
            `STOCK_LEDGER_NOT_FOUND`: the event store has no event of this product in this warehouse.""")
    @ApiResponse(responseCode = "422", description = """
            Also for a missing `as_of` or one that is not an RFC 3339 date-time, or an unknown query parameter.""")
    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping("/{product_id}/{warehouse_id}/balance")
    LedgerBalanceResponse balance(
            @ProductIdParameter @PathVariable("product_id") String productId,
            @WarehouseIdParameter @PathVariable("warehouse_id") String warehouseId,
            @Parameter(description = "The instant (RFC 3339, e.g. `2025-01-31T23:59:59Z`).", required = true,
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(name = "as_of", required = false) String asOf,
            HttpServletRequest request) throws LedgerRefusal {
        UUID product = PathIds.uuid("product_id", productId);
        UUID warehouse = PathIds.uuid("warehouse_id", warehouseId);
        AuditParameters.onlyKnown(request, PARAMETERS);
        return pastBalances.at(product, warehouse, asOf);
    }
}
