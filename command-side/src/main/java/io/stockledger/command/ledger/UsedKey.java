package io.stockledger.command.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * What an idempotency key was used for: the request's fingerprint, and the reservation or event that answered it.
 * {@code reservationId} is set only for reservations, whose answer is the reservation's current state, and
 * {@code transferId} only for transfers.
 */
record UsedKey(String fingerprint, UUID eventId, UUID reservationId, int quantity, Instant usedAt, UUID transferId) {

    static UsedKey forMovement(String fingerprint, UUID eventId, int quantity, Instant usedAt) {
        return new UsedKey(fingerprint, eventId, null, quantity, usedAt, null);
    }

    static UsedKey forTransfer(String fingerprint, UUID eventId, UUID transferId, int quantity, Instant usedAt) {
        return new UsedKey(fingerprint, eventId, null, quantity, usedAt, transferId);
    }

    static UsedKey forReservation(String fingerprint, UUID eventId, UUID reservationId, int quantity, Instant at) {
        return new UsedKey(fingerprint, eventId, reservationId, quantity, at, null);
    }
}
