package io.stockledger.api.web.reservation;

import io.stockledger.command.api.ReservationOutcome;
import io.stockledger.query.api.ReservationView;

import java.time.Instant;
import java.util.UUID;

/** A reservation as the API shows it, whether it comes straight from the ledger or from the read model. */
public record ReservationResponse(
        UUID reservationId,
        String status,
        UUID productId,
        UUID warehouseId,
        int quantity,
        Instant expiresAt,
        Instant createdAt,
        Instant updatedAt) {

    static ReservationResponse of(ReservationOutcome outcome) {
        return new ReservationResponse(outcome.reservationId(), outcome.status().name(),
                outcome.ledgerId().productId(), outcome.ledgerId().warehouseId(), outcome.quantity(),
                outcome.expiresAt(), outcome.createdAt(), null);
    }

    static ReservationResponse of(ReservationView view) {
        return new ReservationResponse(view.reservationId(), view.status(), view.productId(), view.warehouseId(),
                view.quantity(), view.expiresAt(), view.createdAt(), view.updatedAt());
    }
}
