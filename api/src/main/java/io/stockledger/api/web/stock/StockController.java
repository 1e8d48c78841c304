package io.stockledger.api.web.stock;

import io.stockledger.api.web.ProductIdParameter;
import io.stockledger.api.web.WarehouseIdParameter;
import io.stockledger.api.web.audit.AuditParameters;
import io.stockledger.api.web.audit.LedgerBalanceResponse;
import io.stockledger.api.web.audit.PastBalances;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.PathIds;
import io.stockledger.api.web.RequestOrigin;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.web.openapi.IdempotencyKeyReusedResponse;
import io.stockledger.api.web.openapi.LedgerUnavailableResponse;
import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLedgerNotFoundException;
import io.stockledger.query.api.FindStockBalance;
import io.stockledger.query.api.StockBalanceView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;
import java.util.UUID;

/**
 * What warehouse operators do to stock (receive, adjust) and how anyone reads a balance. The OpenAPI annotations
 * describe what is particular to each endpoint; what every /v1 endpoint shares is added by
 * {@code io.stockledger.api.web.openapi}.
 */
@Tag(name = OpenApiConfiguration.STOCK)
@LedgerUnavailableResponse
@RestController
@RequestMapping("/v1")
record StockController(Ledger ledger, PastBalances pastBalances) {

    private static final Set<String> STOCK_PARAMETERS = Set.of(PastBalances.AS_OF);

    @Operation(operationId = "receiveStock", summary = "Receive stock", description = """
            Goods arrived: adds `quantity` units to on-hand stock (creating the product/warehouse ledger on its \
            first receipt). Idempotent by `idempotency_key`: the same request again returns the first outcome \
            with `replayed: true` and writes nothing.""")
    @ApiResponse(responseCode = "200", description = "The receipt and the balance right after it.")
    @ApiResponse(responseCode = "409", description = """
            `LOT_EXPIRY_MISMATCH`: the lot exists with another expiry date (or it is the default lot, which never \
            expires).""")
    @IdempotencyKeyReusedResponse
    @RequiresPermission(Permission.RECEIVE)
    @PostMapping("/receive")
    MovementResponse receive(@Valid @RequestBody ReceiveRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        ReceiveStock command = new ReceiveStock(ledgerId(body.productId(), body.warehouseId()), body.quantity(),
                body.unitCost(), body.idempotencyKey(), body.batchNumber(), body.expiryDate(), body.location());
        return MovementResponse.of(ledger.receive(command, RequestOrigin.of(request)));
    }

    @Operation(operationId = "adjustStock", summary = "Adjust stock", description = """
            A signed correction of on-hand stock with a reason code (a count, damage, loss...). Idempotent by \
            `idempotency_key`, like receive.""")
    @ApiResponse(responseCode = "200", description = "The adjustment and the balance right after it.")
    @ApiResponse(responseCode = "404", description = """
            `STOCK_LEDGER_NOT_FOUND`: this product never received stock in this warehouse. `LOT_NOT_FOUND`: the \
            named lot was never received here.""")
    @ApiResponse(responseCode = "409", description = """
            `ADJUSTMENT_BELOW_RESERVED`: on-hand stock (of the SKU, or of the named lot) would fall below what is \
            reserved from it.""")
    @ApiResponse(responseCode = "422", description = """
            Also when `quantity` is 0 or `reason` is not one of the codes; `IDEMPOTENCY_KEY_REUSED`: the key was \
            already used for a different request, or for another product or warehouse, or so long ago that the \
            ledger no longer remembers its answer.""")
    @RequiresPermission(Permission.ADJUST)
    @PostMapping("/adjust")
    MovementResponse adjust(@Valid @RequestBody AdjustRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        if (body.quantity() == 0) {
            throw new InvalidParameterException("quantity", "must not be 0");
        }
        AdjustStock command = new AdjustStock(ledgerId(body.productId(), body.warehouseId()), body.quantity(),
                body.reason(), body.note(), body.idempotencyKey(), body.batchNumber());
        return MovementResponse.of(ledger.adjust(command, RequestOrigin.of(request)));
    }

    @Operation(operationId = "getStockBalance", summary = "Read a balance", description = """
            On hand, reserved, blocked and available for a product in a warehouse, with what is in transit to or \
            from it, from the read model, which follows the ledger within milliseconds. `blocked` is judged at \
            today's date: a lot past its expiry date blocks its units without any event.

            With `as_of` (an RFC 3339 instant), the balance as it stood then instead: folded from the event store \
            (not from a read model), up to the last event whose timestamp is at or before `as_of`, with the \
            `sequence_number` of that event (`null`, and all zeros, when the ledger's first event came later). \
            This is exactly the answer of `GET /v1/ledger/{product_id}/{warehouse_id}/balance`. Asking about the \
            past is auditing, so `as_of` needs the permission `audit:read` as well. Unknown query parameters are \
            refused (422), so a misspelt `as_of` can never silently answer the present.""")
    @ApiResponse(responseCode = "200", description = """
            The balance: `StockBalance` now, or `LedgerBalanceAsOf` with `as_of`.""", content = @Content(
            mediaType = "application/json", schema = @Schema(oneOf = {StockResponse.class,
            LedgerBalanceResponse.class})))
    @ApiResponse(responseCode = "403", description = "With `as_of`, also without `audit:read`.")
    @ApiResponse(responseCode = "404", description = """
            `STOCK_LEDGER_NOT_FOUND`: this product never received stock in this warehouse (or, for a moment after \
            its first receipt, the read model has not caught up yet; with `as_of`, the event store has no event of \
            it).""")
    @ApiResponse(responseCode = "422", description = """
            Also for an `as_of` that is not an RFC 3339 date-time with an offset, or an unknown query parameter.""")
    @RequiresPermission(Permission.READ)
    @GetMapping("/stock/{product_id}/{warehouse_id}")
    Object stock(@ProductIdParameter @PathVariable("product_id") String productId,
                 @WarehouseIdParameter @PathVariable("warehouse_id") String warehouseId,
                 @Parameter(description = """
                         Optional: the instant to answer for (RFC 3339, e.g. `2025-03-31T23:59:59Z`); needs \
                         `audit:read`.""", schema = @Schema(type = "string", format = "date-time"))
                 @RequestParam(name = PastBalances.AS_OF, required = false) String asOf,
                 HttpServletRequest request) throws LedgerRefusal {
        UUID product = PathIds.uuid("product_id", productId);
        UUID warehouse = PathIds.uuid("warehouse_id", warehouseId);
        AuditParameters.onlyKnown(request, STOCK_PARAMETERS);
        if (asOf != null) {
            PastBalances.requireAuditRead();
            return pastBalances.at(product, warehouse, asOf);
        }
        return ledger.ask(new FindStockBalance(product, warehouse), StockBalanceView.class)
                .map(StockResponse::of)
                .orElseThrow(() -> new StockLedgerNotFoundException(new StockLedgerId(product, warehouse)));
    }

    private static StockLedgerId ledgerId(String productId, String warehouseId) {
        return new StockLedgerId(UUID.fromString(productId), UUID.fromString(warehouseId));
    }
}
