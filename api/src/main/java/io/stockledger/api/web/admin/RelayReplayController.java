package io.stockledger.api.web.admin;

import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.api.web.openapi.OpenApiConfiguration;
import io.stockledger.api.web.problem.Problems;
import io.stockledger.query.relay.RelayReplay;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Republishes a range of the event store to NATS, for a consumer that lost data. */
@Tag(name = OpenApiConfiguration.ADMIN)
@RestController
@RequestMapping("/v1/admin/relay")
record RelayReplayController(ObjectProvider<RelayReplay> replay) {

    @Operation(operationId = "replayRelay", summary = "Republish events to NATS", description = """
            Republishes the events at global store positions `from_position`..`to_position` (inclusive) to the \
            JetStream stream, for a consumer that lost data. Events still inside the stream's duplicate window are \
            dropped by the server (counted in `duplicates`); older ones are appended again, so a consumer \
            recovering this way de-duplicates by `event_id`.""")
    @ApiResponse(responseCode = "200", description = "What the replay did.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RelayReplay.Outcome.class)))
    @ApiResponse(responseCode = "409", description = """
            `RELAY_DISABLED`: the relay is off (no `NATS_URL`).""")
    @ApiResponse(responseCode = "422", description = "Also when `to_position` is before `from_position`.")
    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/replay")
    ResponseEntity<?> replay(@Valid @RequestBody RelayReplayRequest body, HttpServletRequest request)
            throws Exception {
        if (body.toPosition() < body.fromPosition()) {
            throw new InvalidParameterException("to_position", "must not be before from_position");
        }
        RelayReplay relay = replay.getIfAvailable();
        if (relay == null) {
            // built by Problems like every other problem, so it carries the instance and the trace id too
            ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "RELAY_DISABLED", "Relay disabled",
                    "the NATS relay is off: set NATS_URL to turn it on", request);
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return ResponseEntity.ok(relay.replay(body.fromPosition(), body.toPosition()));
    }
}
