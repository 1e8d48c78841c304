package io.stockledger.events.effect;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.LotQuarantined;
import io.stockledger.events.LotUnquarantined;
import io.stockledger.events.PickingPolicyChanged;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.ShippedLot;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.events.TransferReceived;
import io.stockledger.events.TransferReturned;
import io.stockledger.events.TransferShipped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one event does to a ledger's stock: the one definition every reader folds with (the balance, journal and lot
 * read models, the as-of balances, the reconciliation, the load test's check). The {@code switch} in {@link #of} is
 * exhaustive over the sealed {@link LedgerEvent}, so a new event type does not compile until its effect is written
 * here.
 *
 * <ul>
 *   <li>{@link #onHandDelta()} and {@link #reservedDelta()}: what it adds to on hand and to reserved;</li>
 *   <li>{@link #type()}: the kind of movement, as the journal names it;</li>
 *   <li>{@link #reservationId()}: the reservation it is about, if any; a request starts holding lots
 *   ({@link #startsHold()}), a confirmation, release or expiry ends the hold ({@link #endsHold()});</li>
 *   <li>{@link #lots()}: the lots it names and the units of each, as positive amounts (held, consumed, given back,
 *   moved, or the units of a lot put in or out of quarantine); null for an event about no lot;</li>
 *   <li>{@link #lotChanges(HeldLots)}: what it does to each lot.</li>
 * </ul>
 *
 * <p>Events from before lots existed name no lots; their units count in the {@link LotQuantity#DEFAULT_BATCH
 * default lot}, as the ledger counts them.
 */
public final class StockEffect {

    private final MovementType type;
    private final int onHandDelta;
    private final int reservedDelta;
    private final UUID reservationId;
    private final List<LotQuantity> lots;
    /** The lot changes the event states itself. */
    private final List<LotChange> stated;
    /** A confirmation gives back what its reservation held, which the event itself does not list. */
    private final boolean givesBackHeldLots;

    private StockEffect(MovementType type, int onHandDelta, int reservedDelta, UUID reservationId,
                        List<LotQuantity> lots, List<LotChange> stated, boolean givesBackHeldLots) {
        this.type = type;
        this.onHandDelta = onHandDelta;
        this.reservedDelta = reservedDelta;
        this.reservationId = reservationId;
        this.lots = lots;
        this.stated = stated;
        this.givesBackHeldLots = givesBackHeldLots;
    }

    /** The effect of {@code event}. */
    public static StockEffect of(LedgerEvent event) {
        return switch (event) {
            case StockReceived received -> {
                String batch = received.batchNumber() == null ? LotQuantity.DEFAULT_BATCH : received.batchNumber();
                yield new StockEffect(MovementType.RECEIPT, received.quantity(), 0, null,
                        List.of(new LotQuantity(batch, received.quantity())),
                        List.of(new LotChange.Arrival(batch, received.quantity(), received.expiryDate(),
                                received.location(), received.unitCost(), received.timestamp())), false);
            }
            case StockAdjusted adjusted -> {
                // the units were added to or taken from these lots, listed as positive amounts
                List<LotQuantity> moved = LotQuantity.orDefault(adjusted.lots(), Math.abs(adjusted.quantity()));
                yield new StockEffect(MovementType.ADJUSTMENT, adjusted.quantity(), 0, null, moved,
                        adjusted.quantity() > 0 ? found(moved, adjusted.timestamp()) : deltas(moved, -1, 0),
                        false);
            }
            case ReservationRequested requested -> {
                List<LotQuantity> held = LotQuantity.orDefault(requested.lots(), requested.quantity());
                yield new StockEffect(MovementType.RESERVATION, 0, requested.quantity(), requested.reservationId(),
                        held, deltas(held, 0, 1), false);
            }
            case ReservationConfirmed confirmed -> {
                List<LotQuantity> consumed = LotQuantity.orDefault(confirmed.lots(), confirmed.quantity());
                yield new StockEffect(MovementType.SHIPMENT, -confirmed.quantity(), -confirmed.quantity(),
                        confirmed.reservationId(), consumed, deltas(consumed, -1, 0), true);
            }
            case ReservationReleased released -> givenBack(MovementType.RELEASE, released.reservationId(),
                    released.quantity(), released.lots());
            case ReservationExpired expired -> givenBack(MovementType.EXPIRY, expired.reservationId(),
                    expired.quantity(), expired.lots());
            case LotQuarantined quarantined -> new StockEffect(MovementType.QUARANTINE, 0, 0, null,
                    List.of(new LotQuantity(quarantined.batchNumber(), quarantined.quantity())),
                    List.of(new LotChange.Quarantine(quarantined.batchNumber(), quarantined.reason())), false);
            case LotUnquarantined lifted -> new StockEffect(MovementType.UNQUARANTINE, 0, 0, null,
                    List.of(new LotQuantity(lifted.batchNumber(), lifted.quantity())),
                    List.of(new LotChange.Quarantine(lifted.batchNumber(), null)), false);
            case PickingPolicyChanged ignored -> new StockEffect(MovementType.POLICY_CHANGE, 0, 0, null, null,
                    List.of(), false);
            case TransferShipped shipped -> {
                List<LotQuantity> moved = quantities(shipped.lots());
                yield new StockEffect(MovementType.TRANSFER_OUT, -shipped.quantity(), 0, null, moved,
                        deltas(moved, -1, 0), false);
            }
            case TransferReceived received -> new StockEffect(MovementType.TRANSFER_IN, received.quantity(), 0,
                    null, quantities(received.lots()), arrived(received.lots(), received.timestamp()), false);
            case TransferReturned returned -> new StockEffect(MovementType.TRANSFER_RETURN, returned.quantity(), 0,
                    null, quantities(returned.lots()), arrived(returned.lots(), returned.timestamp()), false);
        };
    }

    /** A reservation released or expired: its units, in the lots the event lists, are no longer reserved. */
    private static StockEffect givenBack(MovementType type, UUID reservationId, int quantity,
                                         List<LotQuantity> listed) {
        List<LotQuantity> lots = LotQuantity.orDefault(listed, quantity);
        return new StockEffect(type, 0, -quantity, reservationId, lots, deltas(lots, 0, -1), false);
    }

    public MovementType type() {
        return type;
    }

    public int onHandDelta() {
        return onHandDelta;
    }

    public int reservedDelta() {
        return reservedDelta;
    }

    /** The reservation the event is about, or null. */
    public UUID reservationId() {
        return reservationId;
    }

    /** The lots the event names, with the units of each (positive); null for an event about no lot. */
    public List<LotQuantity> lots() {
        return lots;
    }

    /** A reservation request: from now on reservation {@link #reservationId()} holds {@link #lots()}. */
    public boolean startsHold() {
        return type == MovementType.RESERVATION;
    }

    /** A confirmation, release or expiry: reservation {@link #reservationId()} holds nothing any more. */
    public boolean endsHold() {
        return type == MovementType.SHIPMENT || type == MovementType.RELEASE || type == MovementType.EXPIRY;
    }

    /**
     * A confirmation: what it does to the lots depends on what its reservation held, which {@link #lotChanges} asks
     * for. A reader that handles many events at once can look those holds up together first.
     */
    public boolean givesBackHeldLots() {
        return givesBackHeldLots;
    }

    /**
     * What the event does to each lot, at most one change per lot, in the order the event names them. Only a
     * confirmation asks {@code held}: it gives back the units its reservation held (first) and takes the units it
     * consumed (then), which need not be the same lots.
     */
    public List<LotChange> lotChanges(HeldLots held) {
        if (!givesBackHeldLots) {
            return stated;
        }
        List<LotQuantity> holding = LotQuantity.orDefault(held.heldBy(reservationId), -reservedDelta);
        Map<String, int[]> byLot = new LinkedHashMap<>();
        holding.forEach(lot -> byLot.computeIfAbsent(lot.batchNumber(), b -> new int[2])[1] -= lot.quantity());
        lots.forEach(lot -> byLot.computeIfAbsent(lot.batchNumber(), b -> new int[2])[0] -= lot.quantity());
        List<LotChange> changes = new ArrayList<>(byLot.size());
        byLot.forEach((batch, delta) -> changes.add(new LotChange.Delta(batch, delta[0], delta[1])));
        return changes;
    }

    @Override
    public String toString() {
        return "StockEffect[" + type + ", on hand " + onHandDelta + ", reserved " + reservedDelta
                + (reservationId == null ? "" : ", reservation " + reservationId) + ", lots " + lots
                + (givesBackHeldLots ? ", gives back the held lots" : "") + ", " + stated + "]";
    }

    /** Per lot, {@code quantitySign} and {@code reservedSign} times its units; one change per lot. */
    private static List<LotChange> deltas(List<LotQuantity> lots, int quantitySign, int reservedSign) {
        Map<String, Integer> byLot = new LinkedHashMap<>();
        lots.forEach(lot -> byLot.merge(lot.batchNumber(), lot.quantity(), Integer::sum));
        List<LotChange> changes = new ArrayList<>(byLot.size());
        byLot.forEach((batch, units) -> changes.add(
                new LotChange.Delta(batch, quantitySign * units, reservedSign * units)));
        return changes;
    }

    /** Units found by an adjustment: a lot they open has no expiry, location or cost. */
    private static List<LotChange> found(List<LotQuantity> lots, Instant at) {
        return merged(lots.stream().map(lot -> new LotChange.Arrival(lot.batchNumber(), lot.quantity(), null, null,
                null, at)).toList());
    }

    /** Units arriving by transfer, with their lot's attributes from the warehouse they left. */
    private static List<LotChange> arrived(List<ShippedLot> lots, Instant at) {
        return merged(lots == null ? List.of() : lots.stream().map(lot -> new LotChange.Arrival(lot.batchNumber(),
                lot.quantity(), lot.expiryDate(), lot.location(), lot.unitCost(), at)).toList());
    }

    /** One arrival per lot: the units added up, the attributes of the lot's first entry. */
    private static List<LotChange> merged(List<LotChange.Arrival> arrivals) {
        Map<String, LotChange.Arrival> byLot = new LinkedHashMap<>();
        arrivals.forEach(arrival -> byLot.merge(arrival.batchNumber(), arrival, (first, more) ->
                new LotChange.Arrival(first.batchNumber(), first.quantity() + more.quantity(), first.expiryDate(),
                        first.location(), first.unitCost(), first.receivedAt())));
        return List.copyOf(byLot.values());
    }

    /** A transfer's lots as quantities; a transfer always lists them (none only in a hand-written history). */
    private static List<LotQuantity> quantities(List<ShippedLot> lots) {
        return lots == null ? List.of() : lots.stream().map(ShippedLot::asLotQuantity).toList();
    }
}
