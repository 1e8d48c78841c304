package io.stockledger.api.web.reservation;

import io.stockledger.api.web.AnsweredProductId;
import io.stockledger.api.web.AnsweredWarehouseId;
import io.stockledger.command.api.ReservationOutcome;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.query.api.ReservationView;
import io.swagger.v3.oas.annotations.media.Schema;

import io.stockledger.events.LotQuantity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/** A reservation as the API shows it, whether it comes straight from the ledger or from the read model. */
@Schema(name = "Reservation", description = "A reservation and where it stands.")
public record ReservationResponse(
        @Schema(requiredMode = REQUIRED, description = "Unique reservation identifier.")
        UUID reservationId,
        @Schema(requiredMode = REQUIRED, implementation = ReservationStatus.class, description = """
                `PENDING` until confirmed (`CONFIRMED`), released (`RELEASED`) or run out of time (`EXPIRED`).""")
        String status,
        @AnsweredProductId UUID productId,
        @AnsweredWarehouseId UUID warehouseId,
        @Schema(requiredMode = REQUIRED, description = "Units reserved.", example = "10")
        int quantity,
        @Schema(requiredMode = REQUIRED, description = "When a pending reservation expires.")
        Instant expiresAt,
        @Schema(requiredMode = REQUIRED, description = "When the reservation was made.")
        Instant createdAt,
        @Schema(description = """
                When its status last changed. Only in answers read from the read model (`GET`), not in those of \
                reserve, confirm and release.""")
        Instant updatedAt,
        @Schema(description = "The lots the reservation's units are allocated from, in picking order.")
        List<LotQuantity> lots,
        @Schema(description = "The order this reservation serves a line of; absent for a reservation of its own.")
        String orderId,
        @Schema(description = "The order line it serves, with `order_id`.")
        String lineId) {

    static ReservationResponse of(ReservationOutcome outcome) {
        return new ReservationResponse(outcome.reservationId(), outcome.status().name(),
                outcome.ledgerId().productId(), outcome.ledgerId().warehouseId(), outcome.quantity(),
                outcome.expiresAt(), outcome.createdAt(), null, outcome.lots(), outcome.orderId(), outcome.lineId());
    }

    public static ReservationResponse of(ReservationView view) {
        return new ReservationResponse(view.reservationId(), view.status(), view.productId(), view.warehouseId(),
                view.quantity(), view.expiresAt(), view.createdAt(), view.updatedAt(), view.lots(), view.orderId(),
                view.lineId());
    }
}
