package io.stockledger.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.stockledger.command.api.ReservationStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's reservations: every pending one, and settled ones until {@link RequestMemory} forgets them.
 * Keeps the reserved total so reads are O(1). Mutated only from the aggregate's event sourcing handlers.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class Reservations {

    private LinkedHashMap<UUID, Reservation> byId = new LinkedHashMap<>();
    private long reserved;

    Optional<Reservation> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    long reserved() {
        return reserved;
    }

    List<Reservation> overdueAt(Instant now) {
        return byId.values().stream().filter(reservation -> reservation.isOverdueAt(now)).toList();
    }

    long pendingCount() {
        return byId.values().stream().filter(Reservation::isPending).count();
    }

    int size() {
        return byId.size();
    }

    void add(Reservation reservation) {
        byId.put(reservation.id(), reservation);
        reserved += reservation.quantity();
    }

    /** Moves a pending reservation to a terminal state and gives its units back to the unreserved stock. */
    Reservation settle(UUID id, ReservationStatus terminal) {
        Reservation settled = byId.get(id).settledAs(terminal);
        byId.put(id, settled);
        reserved -= settled.quantity();
        return settled;
    }

    void forget(UUID id) {
        Reservation removed = byId.remove(id);
        if (removed != null && removed.isPending()) {
            throw new IllegalStateException("a pending reservation must never be forgotten: " + id);
        }
    }
}
