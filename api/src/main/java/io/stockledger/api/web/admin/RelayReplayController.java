package io.stockledger.api.web.admin;

import io.stockledger.api.security.Permission;
import io.stockledger.api.security.RequiresPermission;
import io.stockledger.api.web.InvalidParameterException;
import io.stockledger.query.relay.RelayReplay;
import jakarta.validation.Valid;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

/** Republishes a range of the event store to NATS, for a consumer that lost data. */
@RestController
@RequestMapping("/v1/admin/relay")
class RelayReplayController {

    private final ObjectProvider<RelayReplay> replay;

    RelayReplayController(ObjectProvider<RelayReplay> replay) {
        this.replay = replay;
    }

    @RequiresPermission(Permission.ADMIN)
    @PostMapping("/replay")
    ResponseEntity<?> replay(@Valid @RequestBody RelayReplayRequest body) throws Exception {
        if (body.toPosition() < body.fromPosition()) {
            throw new InvalidParameterException("to_position", "must not be before from_position");
        }
        RelayReplay relay = replay.getIfAvailable();
        if (relay == null) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "the NATS relay is off: set NATS_URL to turn it on");
            problem.setTitle("Relay disabled");
            problem.setType(URI.create("urn:stock-ledger:problem:relay-disabled"));
            problem.setProperty("code", "RELAY_DISABLED");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
        }
        return ResponseEntity.ok(relay.replay(body.fromPosition(), body.toPosition()));
    }
}
