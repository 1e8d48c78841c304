package io.stockledger.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.stockledger.command.api.AdjustmentBelowReservedException;
import io.stockledger.command.api.InsufficientShelfLifeException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.LotExpiryMismatchException;
import io.stockledger.command.api.LotNotFoundException;
import io.stockledger.command.api.PickingPolicy;
import io.stockledger.command.api.ReservedLotUnavailableException;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.ShippedLot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The lots of one SKU, and the picking rules over them. Mutated only from the aggregate's event sourcing handlers;
 * the rules ({@code to...}, {@code require...}) only read, so a handler can decide before it applies.
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

    /** A copy to try allocations on: lots are immutable values, so copying the map is enough. */
    Lots copy() {
        Lots copy = new Lots();
        copy.byBatch = new LinkedHashMap<>(byBatch);
        return copy;
    }

    /** The lot a receipt or an event names: the default lot when it names none. */
    static String orDefault(String batchNumber) {
        return batchNumber == null ? LotQuantity.DEFAULT_BATCH : batchNumber;
    }

    Optional<Lot> find(String batchNumber) {
        return Optional.ofNullable(byBatch.get(batchNumber));
    }

    /** The lot a command names; refused when this SKU never received it. */
    Lot named(String batchNumber) throws LotNotFoundException {
        return find(batchNumber).orElseThrow(() -> new LotNotFoundException(batchNumber));
    }

    Collection<Lot> all() {
        return byBatch.values();
    }

    /**
     * Refuses a receipt whose expiry contradicts its lot's. A receipt may leave the expiry out for a lot that exists;
     * stating another one is a different lot. The default lot never expires.
     */
    void requireReceivable(String batchNumber, LocalDate expiryDate) throws LotExpiryMismatchException {
        Optional<Lot> existing = find(batchNumber);
        if (existing.isPresent() && expiryDate != null && !expiryDate.equals(existing.get().expiryDate())) {
            throw new LotExpiryMismatchException(batchNumber, existing.get().expiryDate(), expiryDate);
        }
        if (existing.isEmpty() && LotQuantity.DEFAULT_BATCH.equals(batchNumber) && expiryDate != null) {
            throw new LotExpiryMismatchException(batchNumber, null, expiryDate);
        }
    }

    /** Refuses lots arriving from another warehouse when a lot of the same batch number here expires otherwise. */
    void requireReceivable(List<ShippedLot> arriving) throws LotExpiryMismatchException {
        for (ShippedLot lot : arriving) {
            Optional<Lot> existing = find(lot.batchNumber());
            if (existing.isPresent() && !Objects.equals(existing.get().expiryDate(), lot.expiryDate())) {
                throw new LotExpiryMismatchException(lot.batchNumber(), existing.get().expiryDate(),
                        lot.expiryDate());
            }
        }
    }

    /**
     * The lots a new reservation holds: usable ones, lasting until {@code minExpiry} if it asks for one. When they
     * cannot cover it, the refusal says whether shelf life or stock is short: shelf life only if usable lots alone
     * would have covered it.
     */
    List<LotQuantity> toReserve(int quantity, PickingPolicy policy, LocalDate minExpiry, Instant now)
            throws InsufficientStockException, InsufficientShelfLifeException {
        Predicate<Lot> usable = lot -> lot.isUsableAt(now);
        Predicate<Lot> lasting = usable.and(lot -> lot.lastsUntil(minExpiry));
        Optional<List<LotQuantity>> allocation = pick(quantity, policy, lasting);
        if (allocation.isPresent()) {
            return allocation.get();
        }
        long available = unreserved(usable);
        if (minExpiry != null && available >= quantity) {
            throw new InsufficientShelfLifeException(quantity, minExpiry, unreserved(lasting), available);
        }
        throw new InsufficientStockException(quantity, available);
    }

    /**
     * The lots a confirmation consumes: those the reservation holds, except that units held in a lot that has since
     * been quarantined or has expired are taken from other usable lots instead, so blocked goods never ship.
     */
    List<LotQuantity> toConsume(Reservation reservation, PickingPolicy policy, Instant now)
            throws ReservedLotUnavailableException {
        Predicate<Lot> shippable = lot -> lot.isUsableAt(now) && lot.lastsUntil(reservation.minExpiryDate());
        List<LotQuantity> consumed = new ArrayList<>();
        int shortfall = 0;
        String firstBlocked = null;
        for (LotQuantity held : reservation.heldLots()) {
            if (shippable.test(find(held.batchNumber()).orElseThrow())) {
                consumed.add(held);
            } else {
                shortfall += held.quantity();
                firstBlocked = firstBlocked == null ? held.batchNumber() : firstBlocked;
            }
        }
        if (shortfall == 0) {
            return consumed;
        }
        int missing = shortfall;
        String blocked = firstBlocked;
        consumed.addAll(pick(missing, policy, shippable)
                .orElseThrow(() -> new ReservedLotUnavailableException(reservation.id(), blocked, missing)));
        return merged(consumed);
    }

    /**
     * Where an adjustment's units go to or come from. A named lot must exist (a gain may open the default lot) and
     * keep at least its reserved units. A gain naming no lot goes to the default lot; a loss naming none is a loss
     * nobody can place, so it takes unreserved units in picking order, whatever their lot's status (the ledger has
     * already checked it against everything reserved).
     */
    List<LotQuantity> toAdjust(int quantity, String batchNumber, PickingPolicy policy)
            throws AdjustmentBelowReservedException, LotNotFoundException {
        if (batchNumber != null) {
            Optional<Lot> lot = find(batchNumber);
            if (lot.isEmpty() && !(quantity > 0 && LotQuantity.DEFAULT_BATCH.equals(batchNumber))) {
                throw new LotNotFoundException(batchNumber);
            }
            if (lot.isPresent() && lot.get().quantity() + quantity < lot.get().reserved()) {
                throw new AdjustmentBelowReservedException(batchNumber, quantity, lot.get().quantity(),
                        lot.get().reserved());
            }
            return List.of(new LotQuantity(batchNumber, Math.abs(quantity)));
        }
        if (quantity > 0) {
            return List.of(new LotQuantity(LotQuantity.DEFAULT_BATCH, quantity));
        }
        return pick(-quantity, policy, lot -> true).orElseThrow();
    }

    /**
     * The lots a transfer ships, with what the destination needs to know of each: unreserved units of usable lots,
     * or of the one named lot.
     */
    List<ShippedLot> toShip(int quantity, String batchNumber, PickingPolicy policy, Instant now)
            throws InsufficientStockException, LotNotFoundException {
        Predicate<Lot> usable = lot -> lot.isUsableAt(now);
        if (batchNumber != null) {
            named(batchNumber);
            usable = usable.and(lot -> lot.batchNumber().equals(batchNumber));
        }
        Predicate<Lot> shippable = usable;
        List<LotQuantity> picked = pick(quantity, policy, shippable)
                .orElseThrow(() -> new InsufficientStockException(quantity, unreserved(shippable)));
        return picked.stream().map(this::shipped).toList();
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

    /** Unreserved units that may be allocated at {@code now}. */
    long availableAt(Instant now) {
        return unreserved(lot -> lot.isUsableAt(now));
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

    /** Adds lots arriving from another warehouse, each keeping its attributes. */
    void receive(List<ShippedLot> arriving, Instant at) {
        arriving.forEach(lot -> receive(lot.batchNumber(), lot.expiryDate(), at, lot.location(), lot.unitCost(),
                lot.quantity()));
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

    private void change(String batchNumber, UnaryOperator<Lot> change) {
        Lot lot = byBatch.get(batchNumber);
        if (lot == null) {
            throw new IllegalStateException("an event names lot " + batchNumber + ", which this SKU never received");
        }
        byBatch.put(batchNumber, change.apply(lot));
    }

    private ShippedLot shipped(LotQuantity picked) {
        Lot lot = find(picked.batchNumber()).orElseThrow();
        return new ShippedLot(lot.batchNumber(), picked.quantity(), lot.expiryDate(), lot.location(), lot.unitCost());
    }

    private static List<LotQuantity> merged(List<LotQuantity> lots) {
        Map<String, Integer> byBatch = new LinkedHashMap<>();
        lots.forEach(lot -> byBatch.merge(lot.batchNumber(), lot.quantity(), Integer::sum));
        return byBatch.entrySet().stream().map(e -> new LotQuantity(e.getKey(), e.getValue())).toList();
    }
}
