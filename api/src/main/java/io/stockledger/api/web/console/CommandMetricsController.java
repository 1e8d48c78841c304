package io.stockledger.api.web.console;

import io.stockledger.api.metrics.CommandThroughput;
import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.audit.AuditParameters;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Set;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * The last minutes of throughput and latency on the API port, for the console's chart: actuator stays on the
 * management port, which a browser on the API's origin cannot reach.
 */
@Tag(name = OpenApiConfiguration.CONSOLE)
@RestController
record CommandMetricsController(CommandThroughput throughput) {

    /** The intervals kept by this instance, oldest first. */
    record CommandMetricsResponse(
            @Schema(requiredMode = REQUIRED, description = "Length of each interval in milliseconds.")
            long intervalMillis,
            @Schema(requiredMode = REQUIRED) List<CommandThroughput.Sample> samples) {
    }

    @Operation(operationId = "getCommandMetrics", summary = "Command throughput and latency, last 15 minutes",
            description = """
            From this instance's `ledger_command_seconds` timers, sampled every 5 seconds: per interval the \
            commands completed (per second, and how many were refused or failed), their mean time and the slowest \
            recent one, in milliseconds.""")
    @ApiResponse(responseCode = "200", description = "The samples, oldest first.")
    @RequiresPermission(Permission.READ)
    @GetMapping("/v1/console/metrics")
    CommandMetricsResponse metrics(HttpServletRequest request) {
        AuditParameters.onlyKnown(request, Set.of());
        return new CommandMetricsResponse(throughput.intervalMillis(), throughput.samples());
    }
}
