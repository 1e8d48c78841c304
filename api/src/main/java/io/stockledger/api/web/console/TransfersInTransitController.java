package io.stockledger.api.web.console;

import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.UuidParameter;
import io.stockledger.api.web.audit.AuditParameters;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.web.transfer.TransferResponse;
import io.stockledger.query.api.FindTransfersInTransit;
import io.stockledger.query.api.TransferView;
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

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** The transfers under way: shipped, not yet received or returned. */
@Tag(name = OpenApiConfiguration.CONSOLE)
@RestController
record TransfersInTransitController(Ledger ledger) {

    /** The transfers in transit, oldest shipment first. */
    record TransfersResponse(@Schema(requiredMode = REQUIRED) List<TransferResponse> transfers) {
    }

    @Operation(operationId = "listTransfersInTransit", summary = "Transfers in transit", description = """
            Every transfer still `IN_TRANSIT`, or only those from or to `warehouse_id`, oldest shipment first; at \
            most `limit` (1..500, default 100).""")
    @ApiResponse(responseCode = "200", description = "The transfers in transit, possibly none.")
    @RequiresPermission(Permission.READ)
    @GetMapping("/v1/console/transfers")
    TransfersResponse transfers(
            @UuidParameter("Only transfers from or to this warehouse.")
            @RequestParam(name = "warehouse_id", required = false) String warehouseId,
            @ConsoleLimit("At most this many transfers.")
            @RequestParam(name = "limit", required = false) String limit,
            HttpServletRequest request) {
        AuditParameters.onlyKnown(request, Set.of("warehouse_id", "limit"));
        var warehouse = AuditParameters.optionalUuid("warehouse_id", warehouseId);
        int size = AuditParameters.limit(limit, ConsoleLimit.DEFAULT, ConsoleLimit.MAX);
        return new TransfersResponse(ledger.askAll(new FindTransfersInTransit(warehouse, size), TransferView.class)
                .stream().map(TransferResponse::of).toList());
    }
}
