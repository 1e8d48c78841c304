package io.stockledger.events.effect;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LotQuantity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One ledger's stock, folded from its events in sequence order with {@link StockEffect}: on hand, reserved, its lots,
 * and what is blocked and available on a given day. Pure: no clock, no I/O; whoever folds decides which events count
 * (all of them, or those up to an instant) and which day "blocked" is judged at.
 *
 * <p>It remembers the lots each pending reservation holds, because a confirmation gives back what was held rather
 * than what it lists. Memory grows with the ledger's lots and pending reservations, not with its history.
 */
public final class LedgerTally {

    private long onHand;
    private long reserved;
    private long events;
    private final Map<String, Lot> lots = new LinkedHashMap<>();
    private final Map<UUID, List<LotQuantity>> holds = new HashMap<>();

    /** Applies the ledger's next event; returns its effect. */
    public StockEffect apply(LedgerEvent event) {
        StockEffect effect = StockEffect.of(event);
        onHand += effect.onHandDelta();
        reserved += effect.reservedDelta();
        for (LotChange change : effect.lotChanges(holds::get)) {
            apply(change);
        }
        if (effect.startsHold()) {
            holds.put(effect.reservationId(), effect.lots());
        } else if (effect.endsHold()) {
            holds.remove(effect.reservationId());
        }
        events++;
        return effect;
    }

    private void apply(LotChange change) {
        switch (change) {
            case LotChange.Arrival arrival -> {
                Lot lot = lots.computeIfAbsent(arrival.batchNumber(), batch -> new Lot(arrival));
                lot.quantity += arrival.quantity();
            }
            case LotChange.Delta delta -> {
                Lot lot = named(delta.batchNumber());
                lot.quantity += delta.quantityDelta();
                lot.reserved += delta.reservedDelta();
            }
            case LotChange.Quarantine quarantine -> named(quarantine.batchNumber()).quarantineReason =
                    quarantine.reason();
        }
    }

    /**
     * The lot an event names. It was opened by an earlier arrival in any history the ledger wrote; should a history
     * name a lot it never received into, the lot is opened without attributes, so its units still count.
     */
    private Lot named(String batchNumber) {
        return lots.computeIfAbsent(batchNumber, batch -> new Lot(new LotChange.Arrival(batch, 0, null, null, null,
                null)));
    }

    public long onHand() {
        return onHand;
    }

    public long reserved() {
        return reserved;
    }

    /** How many events have been applied. */
    public long events() {
        return events;
    }

    /** Unreserved units on {@code day} in lots that are quarantined or expired by then. */
    public long blockedOn(LocalDate day) {
        long blocked = 0;
        for (Lot lot : lots.values()) {
            LotBalance balance = lot.balance();
            if (balance.blockedOn(day)) {
                blocked += balance.unreserved();
            }
        }
        return blocked;
    }

    /** {@link #blockedOn} the date (UTC) of {@code instant}. */
    public long blockedAt(Instant instant) {
        return blockedOn(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    /** What could still be reserved at {@code instant}: on hand, less reserved, less blocked. */
    public long availableAt(Instant instant) {
        return onHand - reserved - blockedAt(instant);
    }

    /** Every lot the ledger has had, depleted ones too, in the order they were first named. */
    public List<LotBalance> lots() {
        List<LotBalance> balances = new ArrayList<>(lots.size());
        lots.values().forEach(lot -> balances.add(lot.balance()));
        return balances;
    }

    /** The lot of that batch number, if the ledger has had it. */
    public Optional<LotBalance> lot(String batchNumber) {
        Lot lot = lots.get(batchNumber);
        return lot == null ? Optional.empty() : Optional.of(lot.balance());
    }

    /** One lot while folding: mutable, since every event changes some. */
    private static final class Lot {

        /** The arrival that opened the lot: its attributes are the lot's. */
        private final LotChange.Arrival opening;
        private long quantity;
        private long reserved;
        private String quarantineReason;

        Lot(LotChange.Arrival opening) {
            this.opening = opening;
        }

        LotBalance balance() {
            return new LotBalance(opening.batchNumber(), quantity, reserved, opening.expiryDate(), opening.location(),
                    opening.unitCost(), opening.receivedAt(), quarantineReason);
        }
    }
}
