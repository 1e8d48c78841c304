package io.stockledger.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.stockledger.command.api.ReservationStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The ledger's reservations: every pending one, and settled ones until {@link RequestMemory} forgets them.
 * Pending and settled are kept apart so the expiry check on every command walks only the open ones, however many
 * settled reservations a busy day leaves in memory. Keeps the reserved total so reads are O(1). Mutated only from
 * the aggregate's event sourcing handlers.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class Reservations {

    // not final: restored from snapshots by Jackson
    private LinkedHashMap<UUID, Reservation> pending = new LinkedHashMap<>();
    private HashMap<UUID, Reservation> settled = new HashMap<>();
    private long reserved;

    Optional<Reservation> find(UUID id) {
        Reservation open = pending.get(id);
        return Optional.ofNullable(open != null ? open : settled.get(id));
    }

    long reserved() {
        return reserved;
    }

    List<Reservation> overdueAt(Instant now) {
        return pending.values().stream().filter(reservation -> reservation.isOverdueAt(now)).toList();
    }

    int size() {
        return pending.size() + settled.size();
    }

    void add(Reservation reservation) {
        pending.put(reservation.id(), reservation);
        reserved += reservation.quantity();
    }

    /** Moves a pending reservation to a terminal state and gives its units back to the unreserved stock. */
    Reservation settle(UUID id, ReservationStatus terminal) {
        Reservation settledOne = pending.remove(id).settledAs(terminal);
        settled.put(id, settledOne);
        reserved -= settledOne.quantity();
        return settledOne;
    }

    void forget(UUID id) {
        if (pending.containsKey(id)) {
            throw new IllegalStateException("a pending reservation must never be forgotten: " + id);
        }
        settled.remove(id);
    }
}
