package io.stockledger.api.web.audit;

import io.stockledger.api.web.UuidParameter;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.ledger.Ledger;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.order.OrderIds;
import io.stockledger.query.api.FindMovements;
import io.stockledger.query.api.MovementFilter;
import io.stockledger.query.api.MovementPage;
import io.stockledger.events.effect.MovementType;
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
 * The movement journal for auditors: a product's movements (optionally in one warehouse, in a time range, of one
 * type), as a bounded JSON page or, with {@code Accept: text/csv}, as a CSV export of every matching row.
 */
@Tag(name = OpenApiConfiguration.AUDIT)
@ApiResponse(responseCode = "503", description = """
        `LEDGER_UNAVAILABLE`: the journal could not be read (e.g. the database is down), or, for a CSV export, \
        too many exports are in progress; retrying shortly is safe.""")
@RestController
@RequestMapping("/v1/ledger")
record MovementJournalController(Ledger ledger, MovementCsvExport export) {

    private static final Logger log = LoggerFactory.getLogger(MovementJournalController.class);
    private static final Set<String> FILTERS = Set.of("product_id", "order_id", "warehouse_id", "from", "to",
            "type");
    private static final Set<String> JSON_PARAMETERS = Set.of("product_id", "order_id", "warehouse_id", "from", "to",
            "type", "from_position", "limit");

    @Operation(operationId = "listMovements", summary = "Read the movement journal", description = """
            A product's movements, or an order's: one row per ledger event with its effect on on-hand and \
            reserved stock, in global store order. Name a `product_id`, an `order_id` (every movement of the \
            reservations made for the order's lines, over all its products and warehouses: reserved, confirmed, \
            released, expired; each row names its `line_id`), or both (that product's movements within the \
            order). Optionally only in one warehouse, in a time range (`from` and `to`, both \
            inclusive, on when the movement occurred) and of one `type`. As JSON (the default) a page of at most \
            `limit` rows: pass `next_from_position` as `from_position` for the next. With `Accept: text/csv`, \
            every matching row as CSV (RFC 4180, a header row, UTF-8), streamed however many rows there are; \
            `limit` and `from_position` do not apply there. Reads the journal, which follows the event store \
            within milliseconds. Unknown query parameters are refused (422).""")
    @ApiResponse(responseCode = "200", description = """
            The movements: a JSON page, or with `Accept: text/csv` all of them as CSV, with the columns of \
            `MovementJournalEntry` in the same order (absent values empty). A CSV export that fails midway ends \
            with the connection closed before the end of the body, never with a body that looks complete.""",
            content = {@Content(mediaType = "application/json",
                    schema = @Schema(implementation = MovementsResponse.class)),
                    @Content(mediaType = MovementCsvExport.TEXT_CSV, schema = @Schema(types = "string"))})
    @ApiResponse(responseCode = "422", description = """
            Also for neither `product_id` nor `order_id` given, a malformed `product_id` or `order_id`, a malformed `warehouse_id`, a `from` or `to` that is not \
            an RFC 3339 date-time or a `to` before `from`, an unknown `type`, a `limit` outside 1..1000, a negative \
            `from_position`, or an unknown query parameter.""")
    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping("/movements")
    MovementsResponse movements(
            @UuidParameter("Product identifier (this or `order_id` is required).")
            @RequestParam(name = "product_id", required = false) String productId,
            @Parameter(description = """
                    Only the movements of this order's reservations (this or `product_id` is required): the \
                    client's order id, as given to `POST /v1/orders/reserve`.""",
                    schema = @Schema(type = "string", minLength = 1, maxLength = OrderIds.ORDER_ID_LENGTH,
                            pattern = OrderIds.PATTERN), example = "web-1765000000")
            @RequestParam(name = "order_id", required = false) String orderId,
            @UuidParameter("Only this warehouse.")
            @RequestParam(name = "warehouse_id", required = false) String warehouseId,
            @Parameter(description = "Only movements at or after this instant (RFC 3339).",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(name = "from", required = false) String from,
            @Parameter(description = "Only movements at or before this instant (RFC 3339).",
                    schema = @Schema(type = "string", format = "date-time"))
            @RequestParam(name = "to", required = false) String to,
            @Parameter(description = "Only movements of this type.",
                    schema = @Schema(implementation = MovementType.class))
            @RequestParam(name = "type", required = false) String type,
            @Parameter(description = "JSON only: the first global position to return (inclusive).",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0", defaultValue = "0"))
            @RequestParam(name = "from_position", required = false) String fromPosition,
            @Parameter(description = "JSON only: at most this many rows.",
                    schema = @Schema(type = "integer", format = "int32", minimum = "1",
                            maximum = "" + FindMovements.MAX_LIMIT, defaultValue = "" + FindMovements.DEFAULT_LIMIT))
            @RequestParam(name = "limit", required = false) String limit,
            HttpServletRequest request) {
        AuditParameters.onlyKnown(request, JSON_PARAMETERS);
        MovementFilter filter = filter(productId, orderId, warehouseId, from, to, type);
        long position = AuditParameters.nonNegative("from_position", fromPosition);
        int size = AuditParameters.limit(limit, FindMovements.DEFAULT_LIMIT, FindMovements.MAX_LIMIT);
        return ledger.ask(new FindMovements(filter, position, size), MovementPage.class)
                .map(MovementsResponse::of)
                .orElseThrow(() -> new IllegalStateException("the movement journal gave no answer"));
    }

    /** The CSV export: see {@link MovementCsvExport}. */
    @Operation(hidden = true) // documented with the JSON variant above: one operation, two media types
    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping(path = "/movements", produces = MovementCsvExport.TEXT_CSV)
    void movementsCsv(@RequestParam(name = "product_id", required = false) String productId,
                      @RequestParam(name = "order_id", required = false) String orderId,
                      @RequestParam(name = "warehouse_id", required = false) String warehouseId,
                      @RequestParam(name = "from", required = false) String from,
                      @RequestParam(name = "to", required = false) String to,
                      @RequestParam(name = "type", required = false) String type,
                      HttpServletRequest request, HttpServletResponse response) throws IOException {
        AuditParameters.onlyKnown(request, FILTERS);
        export.write(filter(productId, orderId, warehouseId, from, to, type), response);
    }

    /**
     * A CSV export failed midway: rethrown, so that it reaches the servlet container instead of the problem
     * responses (which would append a problem document to the rows already sent). The container closes the
     * connection before the end of the body, and logs the failure with its causes.
     */
    @ExceptionHandler(StreamInterrupted.class)
    void interrupted(StreamInterrupted interrupted) {
        log.warn("movement export interrupted after the response was committed; closing the connection: {}",
                interrupted.getCause().toString());
        throw interrupted;
    }

    private static MovementFilter filter(String productId, String orderId, String warehouseId, String from,
                                         String to, String type) {
        String order = orderId == null ? null : OrderIds.fromPath("order_id", orderId, OrderIds.ORDER_ID_LENGTH);
        // an order's movements span products: the product is required only when no order narrows the read
        UUID product = order == null ? AuditParameters.requiredUuid("product_id", productId)
                : AuditParameters.optionalUuid("product_id", productId);
        UUID warehouse = AuditParameters.optionalUuid("warehouse_id", warehouseId);
        Instant after = AuditParameters.instant("from", from);
        Instant before = AuditParameters.instant("to", to);
        AuditParameters.ordered(after, before);
        return new MovementFilter(product, warehouse, after, before, AuditParameters.movementType(type), order);
    }

}
