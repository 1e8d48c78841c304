package io.stockledger.api.web.transfer;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.UuidParameter;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.PathIds;
import io.stockledger.api.web.RequestOrigin;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.ShipTransfer;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.TimeOrderedIds;
import io.stockledger.command.api.TransferNotFoundException;
import io.stockledger.command.api.TransferOutcome;
import io.stockledger.query.api.FindTransfer;
import io.stockledger.query.api.TransferView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.UUID;

/**
 * Transfers between warehouses. The source ships at once, in this request; the destination receives right after,
 * driven by the transfer process (docs/lots.md), so the answer says IN_TRANSIT and {@code GET} follows it.
 */
@Tag(name = OpenApiConfiguration.TRANSFERS)
@ApiResponse(responseCode = "503", description = """
        `LEDGER_UNAVAILABLE`: the ledger could not answer in time; retrying the same request (with the same \
        idempotency key) is safe.""")
@RestController
@RequestMapping("/v1")
record TransferController(Ledger ledger) {

    @Operation(operationId = "createTransfer", summary = "Transfer stock to another warehouse", description = """
            The source warehouse ships `quantity` units now, out of its usable lots in picking order (or only \
            from `batch_number`); they leave its on hand and show as in transit. The destination then receives \
            them into lots with the same numbers and expiry. If the destination refuses (a lot of the same number \
            with another expiry), the units go back into the source's lots. Idempotent by `idempotency_key`.""")
    @ApiResponse(responseCode = "202", description = "Shipped and in transit; follow it with `GET` at `Location`.")
    @ApiResponse(responseCode = "404", description = "`LOT_NOT_FOUND`: the named lot is not in the source.")
    @ApiResponse(responseCode = "409", description = """
            `INSUFFICIENT_STOCK`: the source has fewer usable units (in the named lot) than requested.""")
    @ApiResponse(responseCode = "422", description = """
            `IDEMPOTENCY_KEY_REUSED`: the key was already used for a different request.""")
    @RequiresPermission(Permission.TRANSFER)
    @PostMapping("/transfers")
    ResponseEntity<TransferResponse> create(@Valid @RequestBody TransferRequest body, HttpServletRequest request)
            throws LedgerRefusal {
        if (body.fromWarehouseId().equalsIgnoreCase(body.toWarehouseId())) {
            throw new InvalidParameterException("to_warehouse_id", "must differ from from_warehouse_id");
        }
        StockLedgerId source = new StockLedgerId(UUID.fromString(body.productId()),
                UUID.fromString(body.fromWarehouseId()));
        ShipTransfer command = new ShipTransfer(source, TimeOrderedIds.next(), UUID.fromString(body.toWarehouseId()),
                body.quantity(), body.batchNumber(), body.idempotencyKey());
        TransferOutcome outcome = ledger.ship(command, RequestOrigin.of(request));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/v1/transfers/" + outcome.transferId()))
                .body(TransferResponse.shipped(outcome));
    }

    @Operation(operationId = "getTransfer", summary = "Read a transfer", description = """
            A transfer's state from the read model: `IN_TRANSIT`, `RECEIVED` or `RETURNED`.""")
    @ApiResponse(responseCode = "200", description = "The transfer.")
    @ApiResponse(responseCode = "404", description = """
            `TRANSFER_NOT_FOUND`: no transfer has this id (or, for a moment after it was created, the read model \
            has not caught up).""")
    @RequiresPermission(Permission.READ)
    @GetMapping("/transfers/{transfer_id}")
    TransferResponse get(@UuidParameter("Transfer identifier.")
                         @PathVariable("transfer_id") String transferId) throws LedgerRefusal {
        UUID id = PathIds.uuid("transfer_id", transferId);
        return ledger.ask(new FindTransfer(id), TransferView.class)
                .map(TransferResponse::of)
                .orElseThrow(() -> new TransferNotFoundException(id));
    }
}
