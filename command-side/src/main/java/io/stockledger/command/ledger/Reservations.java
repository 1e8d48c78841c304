package io.stockledger.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.stockledger.command.api.ReservationStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The ledger's reservations: every pending one, and settled ones until {@link RequestMemory} forgets them.
 * Pending and settled are kept apart, and pending ones are also indexed by deadline, so the expiry check that every
 * command makes costs O(log n) however many reservations are open or settled. Keeps the reserved total so reads are
 * O(1). Mutated only from the aggregate's event sourcing handlers.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class Reservations {

    // not final: restored from snapshots by Jackson
    private LinkedHashMap<UUID, Reservation> pending = new LinkedHashMap<>();
    private HashMap<UUID, Reservation> settled = new HashMap<>();
    private long reserved;
    /** Pending reservations by deadline; derived from {@link #pending}, so not in snapshots (rebuilt on first use). */
    @JsonIgnore
    private final TreeSet<Reservation> pendingByDeadline = new TreeSet<>(
            Comparator.comparing(Reservation::expiresAt).thenComparing(Reservation::id));

    Optional<Reservation> find(UUID id) {
        Reservation open = pending.get(id);
        return Optional.ofNullable(open != null ? open : settled.get(id));
    }

    long reserved() {
        return reserved;
    }

    List<Reservation> overdueAt(Instant now) {
        List<Reservation> overdue = new ArrayList<>();
        for (Reservation reservation : deadlines()) {
            if (!reservation.isOverdueAt(now)) {
                break;
            }
            overdue.add(reservation);
        }
        return overdue;
    }

    int size() {
        return pending.size() + settled.size();
    }

    void add(Reservation reservation) {
        TreeSet<Reservation> byDeadline = deadlines();
        pending.put(reservation.id(), reservation);
        byDeadline.add(reservation);
        reserved += reservation.quantity();
    }

    /** Moves a pending reservation to a terminal state and gives its units back to the unreserved stock. */
    Reservation settle(UUID id, ReservationStatus terminal) {
        TreeSet<Reservation> byDeadline = deadlines();
        Reservation open = pending.remove(id);
        byDeadline.remove(open);
        Reservation settledOne = open.settledAs(terminal);
        settled.put(id, settledOne);
        reserved -= settledOne.quantity();
        return settledOne;
    }

    private TreeSet<Reservation> deadlines() {
        if (pendingByDeadline.size() != pending.size()) {
            pendingByDeadline.clear();
            pendingByDeadline.addAll(pending.values());
        }
        return pendingByDeadline;
    }

    void forget(UUID id) {
        if (pending.containsKey(id)) {
            throw new IllegalStateException("a pending reservation must never be forgotten: " + id);
        }
        settled.remove(id);
    }
}
