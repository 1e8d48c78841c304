package io.stockledger.api.web.audit;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.ProductIdParameter;
import io.stockledger.api.web.WarehouseIdParameter;
import io.stockledger.api.web.PathIds;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLedgerNotFoundException;
import io.stockledger.audit.api.FindLedgerHistory;
import io.stockledger.audit.api.LedgerHistoryPage;
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

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An auditor replays a ledger: its events as the event store holds them, page by page. */
@Tag(name = OpenApiConfiguration.AUDIT, description = """
        For auditors: a ledger's events straight from the event store, and the movement journal as JSON or CSV.""")
@ApiResponse(responseCode = "503", description = """
        `LEDGER_UNAVAILABLE`: the ledger could not answer in time (e.g. the database is down); retrying is safe.""")
@RestController
@RequestMapping("/v1/ledger")
record LedgerHistoryController(Ledger ledger) {

    private static final Set<String> PARAMETERS = Set.of("from_sequence", "to", "limit");

    @Operation(operationId = "getLedgerHistory", summary = "Replay a ledger's events", description = """
            The events of a product in a warehouse, read straight from the event store (not from a read model), in \
            sequence order: each with its sequence number, global store position, type, schema id, timestamp, \
            stored payload and metadata (actor, trace id, and the idempotency key and reason code where the event \
            has them). Paginated by sequence number: pass `next_from_sequence` as `from_sequence` until it is \
            `null`. Unknown query parameters are refused (422).""")
    @ApiResponse(responseCode = "200", description = "A page of events.")
    @ApiResponse(responseCode = "404", description = """
            `STOCK_LEDGER_NOT_FOUND`: the event store has no event of this product in this warehouse.""")
    @ApiResponse(responseCode = "422", description = """
            Also for a negative `from_sequence`, a `to` that is not an RFC 3339 date-time, a `limit` outside \
            1..1000, or an unknown query parameter.""")
    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping("/{product_id}/{warehouse_id}/events")
    LedgerHistoryResponse events(
            @ProductIdParameter @PathVariable("product_id") String productId,
            @WarehouseIdParameter @PathVariable("warehouse_id") String warehouseId,
            @Parameter(description = "The first sequence number to return (inclusive).",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0", defaultValue = "0"))
            @RequestParam(name = "from_sequence", required = false) String fromSequence,
            @Parameter(description = """
                    Only events the store recorded at or before this instant (RFC 3339, e.g. \
                    `2025-01-31T23:59:59Z`): the history as it stood then.""",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "At most this many events.",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1",
                            maximum = "" + FindLedgerHistory.MAX_LIMIT,
                            defaultValue = "" + FindLedgerHistory.DEFAULT_LIMIT))
            @RequestParam(name = "limit", required = false) String limit,
            HttpServletRequest request) throws LedgerRefusal {
        UUID product = PathIds.uuid("product_id", productId);
        UUID warehouse = PathIds.uuid("warehouse_id", warehouseId);
        AuditParameters.onlyKnown(request, PARAMETERS);
        long from = AuditParameters.nonNegative("from_sequence", fromSequence);
        Instant upTo = AuditParameters.instant("to", to);
        int size = AuditParameters.limit(limit, FindLedgerHistory.DEFAULT_LIMIT, FindLedgerHistory.MAX_LIMIT);
        return ledger.ask(new FindLedgerHistory(product, warehouse, from, upTo, size), LedgerHistoryPage.class)
                .map(LedgerHistoryResponse::of)
                .orElseThrow(() -> new StockLedgerNotFoundException(new StockLedgerId(product, warehouse)));
    }
}
