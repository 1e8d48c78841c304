package io.stockledger.command.ledger;

import java.time.Instant;
import java.util.UUID;

/**
 * What an idempotency key was used for: the request's fingerprint, and the reservation or event that answered it.
 * {@code reservationId} is set only for reservations, whose answer is the reservation's current state, and
 * {@code transferId} only for transfers.
 */
record UsedKey(String fingerprint, UUID eventId, UUID reservationId, int quantity, Instant usedAt, UUID transferId) {

    /**
     * A ledger remembers thousands of keys whose fingerprints are mostly the same few texts ("reserve quantity=1
     * ttl_seconds=900"), each built afresh per request: one shared copy of each saves about 80 bytes per remembered
     * key (measured with LedgerFootprintBenchmark). The JVM's string table drops a text no key uses any more.
     */
    UsedKey {
        fingerprint = fingerprint == null ? null : fingerprint.intern();
    }

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
