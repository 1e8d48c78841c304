package io.stockledger.api.web.console;

import io.stockledger.api.security.Caller;
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
 * Who the console is signed in as, and what the token lets it do: the permissions after the service mapped the
 * token's roles, which a browser cannot work out from the token itself. The console shows only the actions these
 * allow; the API still checks every call.
 */
@Tag(name = OpenApiConfiguration.CONSOLE)
@RestController
class ConsoleSessionController {

    /** The caller as the service sees it. */
    record SessionResponse(
            @Schema(requiredMode = REQUIRED, description = "The token's subject: the actor of every event it causes.")
            String subject,
            @Schema(requiredMode = REQUIRED, description = "Every permission the token grants, sorted.")
            List<String> permissions) {
    }

    @Operation(operationId = "getConsoleSession", summary = "Who the token is, and what it may do")
    @ApiResponse(responseCode = "200", description = "The caller.")
    @RequiresPermission(Permission.READ)
    @GetMapping("/v1/console/session")
    SessionResponse session(HttpServletRequest request) {
        AuditParameters.onlyKnown(request, Set.of());
        Caller caller = Caller.current().orElseThrow();
        return new SessionResponse(caller.subject(), caller.permissions().stream().sorted().toList());
    }
}
