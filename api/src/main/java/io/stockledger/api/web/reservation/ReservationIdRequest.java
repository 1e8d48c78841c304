package io.stockledger.api.web.reservation;

import io.stockledger.api.web.Uuids;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /v1/confirm} and {@code POST /v1/release}: the reservation id alone. */
@Schema(description = "The reservation to confirm or release.")
public record ReservationIdRequest(
        @Schema(format = "uuid", description = "The `reservation_id` that reserve returned.",
                example = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String reservationId) {
}
