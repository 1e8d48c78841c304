package io.stockledger.api.web.reservation;

import io.stockledger.api.web.Uuids;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Body of {@code POST /v1/confirm} and {@code POST /v1/release}: the reservation id alone. */
public record ReservationIdRequest(
        @NotNull @Pattern(regexp = Uuids.PATTERN, message = Uuids.MESSAGE) String reservationId) {
}
