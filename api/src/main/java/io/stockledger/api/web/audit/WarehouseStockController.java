package io.stockledger.api.web.audit;

import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.Uuids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A whole warehouse at a past instant: every ledger of it folded from the event store, streamed
 * ({@link WarehouseBalancesExport}). Like {@code as_of} on one ledger's balance, it needs {@code audit:read} on top of
 * {@code inventory:read}.
 */
@Tag(name = OpenApiConfiguration.AUDIT)
@ApiResponse(responseCode = "503", description = """
        `LEDGER_UNAVAILABLE`: the event store could not be read (e.g. the database is down), or too many warehouse \
        streams are in progress on this instance; retrying shortly is safe.""")
@RestController
@RequestMapping("/v1")
record WarehouseStockController(WarehouseBalancesExport export) {

    private static final Logger log = LoggerFactory.getLogger(WarehouseStockController.class);
    private static final Set<String> PARAMETERS = Set.of("warehouse_id", PastBalances.AS_OF);

    @Operation(operationId = "getWarehouseBalancesAsOf", summary = "Read a whole warehouse at a past instant",
            description = """
                    The balance at `as_of` of every product in the warehouse, each folded from the event store as \
                    `GET /v1/stock/{product_id}/{warehouse_id}?as_of=` folds one: up to its last event whose \
                    timestamp is at or before `as_of`, with that event's `sequence_number`. Products whose first \
                    event in the warehouse came after `as_of` are left out; a warehouse with no events by then \
                    answers an empty list. The answer is streamed as the ledgers are folded, in product id order, \
                    and ends with `ledger_count`; one that fails midway ends with the connection closed before the \
                    end of the body, never with a body that looks complete. Needs `audit:read` as well. Unknown \
                    query parameters are refused (422).""")
    @ApiResponse(responseCode = "200", description = "Every product's balance at `as_of`.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WarehouseBalancesResponse.class)))
    @ApiResponse(responseCode = "403", description = "Also without `audit:read`.")
    @ApiResponse(responseCode = "422", description = """
            Also for a missing or malformed `warehouse_id`, a missing `as_of` or one that is not an RFC 3339 \
            date-time with an offset, or an unknown query parameter.""")
    @RequiresPermission(Permission.READ)
    @GetMapping("/stock")
    void warehouseAsOf(
            @Parameter(description = "Warehouse identifier (required).", required = true,
                    schema = @Schema(type = "string", format = "uuid", pattern = Uuids.PATTERN))
            @RequestParam(name = "warehouse_id", required = false) String warehouseId,
            @Parameter(description = "The instant (RFC 3339, e.g. `2025-03-31T23:59:59Z`), required.",
                    required = true, schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(name = PastBalances.AS_OF, required = false) String asOf,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        PastBalances.requireAuditRead();
        AuditParameters.onlyKnown(request, PARAMETERS);
        UUID warehouse = AuditParameters.requiredUuid("warehouse_id", warehouseId);
        Instant at = AuditParameters.instant(PastBalances.AS_OF, asOf);
        if (at == null) {
            throw new InvalidParameterException(PastBalances.AS_OF, "is required");
        }
        export.write(warehouse, at, response);
    }

    /** A stream failed after its first bytes: see {@link StreamInterrupted}. */
    @ExceptionHandler(StreamInterrupted.class)
    void interrupted(StreamInterrupted interrupted) {
        log.warn("warehouse balances interrupted after the response was committed; closing the connection: {}",
                interrupted.getCause().toString());
        throw interrupted;
    }
}
