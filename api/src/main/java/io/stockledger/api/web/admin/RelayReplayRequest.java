package io.stockledger.api.web.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /v1/admin/relay/replay}: an inclusive range of global positions in the event store. */
@Schema(description = "An inclusive range of global positions in the event store.")
public record RelayReplayRequest(
        @Schema(description = "First global position to republish.", example = "1")
        @NotNull @Min(0) Long fromPosition,
        @Schema(description = "Last global position to republish; not before `from_position`.", example = "100")
        @NotNull @Min(0) Long toPosition) {
}
