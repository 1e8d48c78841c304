package io.stockledger.api.web.console;

import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.UuidParameter;
import io.stockledger.api.web.audit.AuditParameters;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.Set;
import java.util.UUID;

/** Ledger movements as they are stored, as server-sent events: the console's live feed. */
@Tag(name = OpenApiConfiguration.CONSOLE)
@RestController
record LiveFeedController(LiveFeed feed) {

    @Operation(operationId = "followMovements", summary = "Follow the movement journal live (server-sent events)",
            description = """
            `text/event-stream`: every movement journal row (one per ledger event) as \
            an event named `movement`, its `id` the global store position, its `data` a row as \
            `GET /v1/ledger/movements` answers it. Starts with the latest 20 rows, or after `Last-Event-ID` / \
            `from_position` when given; then each new row within about half a second. Only `warehouse_id`'s \
            rows when given. The stream ends after 30 minutes; reconnect with the last id.""")
    @ApiResponse(responseCode = "200", description = "The stream.",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @ApiResponse(responseCode = "503", description = "`FEED_LIMIT`: this instance already serves 50 feeds.")
    @RequiresPermission(Permission.AUDIT_READ)
    @GetMapping(path = "/v1/console/feed", produces = {MediaType.TEXT_EVENT_STREAM_VALUE,
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<?> follow(
            @UuidParameter("Only movements in this warehouse.")
            @RequestParam(name = "warehouse_id", required = false) String warehouseId,
            @Parameter(description = "The first global position to send.",
                    schema = @Schema(type = "integer", format = "int64", minimum = "0"))
            @RequestParam(name = "from_position", required = false) String fromPosition,
            @Parameter(description = "The last event id seen: the stream resumes after it.")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            HttpServletRequest request) {
        AuditParameters.onlyKnown(request, Set.of("warehouse_id", "from_position"));
        UUID warehouse = AuditParameters.optionalUuid("warehouse_id", warehouseId);
        Long from = fromPosition == null ? null : AuditParameters.nonNegative("from_position", fromPosition);
        if (lastEventId != null) {
            from = AuditParameters.nonNegative("Last-Event-ID", lastEventId) + 1;
        }
        SseEmitter emitter = feed.open(warehouse, from);
        if (emitter == null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "FEED_LIMIT", "Too many live feeds",
                            "this instance already serves " + LiveFeed.MAX_OPEN + " live feeds; retry later",
                            request));
        }
        return ResponseEntity.ok().contentType(MediaType.TEXT_EVENT_STREAM).body(emitter);
    }
}
