package io.stockledger.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.stockledger.command.api.PickingPolicy;
import io.stockledger.events.LotQuantity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The lots of one SKU, and the picking rules over them. Mutated only from the aggregate's event sourcing handlers;
 * {@link #pick} only reads, so a handler can decide before it applies.
 *
 * <p>Depleted lots stay: a later receipt into the same batch number must still match its expiry.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class Lots {

    private static final Comparator<Lot> BY_BATCH = Comparator.comparing(Lot::batchNumber);
    private static final Comparator<Lot> FIFO = Comparator.comparing(Lot::receivedAt).thenComparing(BY_BATCH);
    private static final Comparator<Lot> FEFO = Comparator
            .comparing(Lot::expiryDate, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(FIFO);

    // not final: restored from snapshots by Jackson
    private LinkedHashMap<String, Lot> byBatch = new LinkedHashMap<>();

    Optional<Lot> find(String batchNumber) {
        return Optional.ofNullable(byBatch.get(batchNumber));
    }

    Collection<Lot> all() {
        return byBatch.values();
    }

    /**
     * Allocates {@code quantity} unreserved units from the lots that pass {@code eligible}, in the policy's order;
     * empty when they hold fewer.
     */
    Optional<List<LotQuantity>> pick(int quantity, PickingPolicy policy, Predicate<Lot> eligible) {
        List<LotQuantity> picked = new ArrayList<>();
        int missing = quantity;
        for (Lot lot : inPickingOrder(policy)) {
            if (missing == 0) {
                break;
            }
            if (lot.unreserved() <= 0 || !eligible.test(lot)) {
                continue;
            }
            int taken = (int) Math.min(missing, lot.unreserved());
            picked.add(new LotQuantity(lot.batchNumber(), taken));
            missing -= taken;
        }
        return missing == 0 ? Optional.of(picked) : Optional.empty();
    }

    /** Unreserved units in the lots that pass {@code eligible}. */
    long unreserved(Predicate<Lot> eligible) {
        long total = 0;
        for (Lot lot : byBatch.values()) {
            if (eligible.test(lot)) {
                total += lot.unreserved();
            }
        }
        return total;
    }

    /** Unreserved units that are on hand but may not be allocated: in quarantined or expired lots. */
    long blockedAt(Instant now) {
        return unreserved(lot -> !lot.isUsableAt(now));
    }

    List<Lot> inPickingOrder(PickingPolicy policy) {
        List<Lot> ordered = new ArrayList<>(byBatch.values());
        ordered.sort(policy == PickingPolicy.FIFO ? FIFO : FEFO);
        return ordered;
    }

    /** Adds units to a lot, opening it with these attributes if it is new. */
    void receive(String batchNumber, LocalDate expiryDate, Instant at, String location, BigDecimal unitCost,
                 long quantity) {
        Lot lot = byBatch.computeIfAbsent(batchNumber, b -> Lot.opened(b, expiryDate, at, location, unitCost));
        byBatch.put(batchNumber, lot.plusQuantity(quantity));
    }

    void take(List<LotQuantity> lots) {
        lots.forEach(taken -> change(taken.batchNumber(), lot -> lot.plusQuantity(-taken.quantity())));
    }

    void reserve(List<LotQuantity> lots) {
        lots.forEach(held -> change(held.batchNumber(), lot -> lot.plusReserved(held.quantity())));
    }

    void unreserve(List<LotQuantity> lots) {
        lots.forEach(held -> change(held.batchNumber(), lot -> lot.plusReserved(-held.quantity())));
    }

    void quarantine(String batchNumber, String reason) {
        change(batchNumber, lot -> lot.quarantined(reason));
    }

    void liftQuarantine(String batchNumber) {
        change(batchNumber, lot -> lot.quarantined(null));
    }

    private void change(String batchNumber, java.util.function.UnaryOperator<Lot> change) {
        Lot lot = byBatch.get(batchNumber);
        if (lot == null) {
            throw new IllegalStateException("an event names lot " + batchNumber + ", which this SKU never received");
        }
        byBatch.put(batchNumber, change.apply(lot));
    }
}
