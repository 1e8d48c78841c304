package io.stockledger.api.web.admin;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /v1/admin/relay/replay}: an inclusive range of global positions in the event store. */
public record RelayReplayRequest(@NotNull @Min(0) Long fromPosition, @NotNull @Min(0) Long toPosition) {
}
