package io.stockledger.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.AdjustmentBelowReservedException;
import io.stockledger.command.api.BatchMemberOutcome;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.ExpireOverdueReservations;
import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.InsufficientShelfLifeException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.LedgerCommandBatch;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.LedgerSnapshots;
import io.stockledger.command.api.LotExpiryMismatchException;
import io.stockledger.command.api.LotNotFoundException;
import io.stockledger.command.api.LotState;
import io.stockledger.command.api.MovementOutcome;
import io.stockledger.command.api.PickingPolicy;
import io.stockledger.command.api.QuarantineLot;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReceiveTransfer;
import io.stockledger.command.api.ReleaseLotFromQuarantine;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReservationExpiredException;
import io.stockledger.command.api.ReservationIdTakenException;
import io.stockledger.command.api.ReservationNotFoundException;
import io.stockledger.command.api.ReservationNotPendingException;
import io.stockledger.command.api.ReservationOutcome;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.ReservedLotUnavailableException;
import io.stockledger.command.api.ReturnTransfer;
import io.stockledger.command.api.SetPickingPolicy;
import io.stockledger.command.api.ShipTransfer;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLevels;
import io.stockledger.command.config.SizedState;
import io.stockledger.command.api.TransferOutcome;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The stock of one product in one warehouse, and the single authority on it.
 *
 * <p>Rules it defends: on hand and reserved never go negative, reserved never exceeds on hand, a reservation is
 * PENDING until exactly one of CONFIRMED, RELEASED or EXPIRED and never leaves a terminal state, an adjustment never
 * takes on hand below what is reserved, and a retried request (same idempotency key, same request) gets its first
 * answer without writing anything.
 *
 * <p>Every unit on hand belongs to a lot ({@link Lots}), and the sum over lots is on hand. Reservations are allocated
 * to lots when they are made (docs/lots.md says why), in the SKU's picking order and only from usable lots: never
 * from quarantined or expired ones, and only from lots lasting long enough when the reservation asks for a minimum
 * shelf life.
 *
 * <p>Each command handler first records what time has already decided (reservations past their deadline expire),
 * then answers a retried request from memory or checks its guards, then applies its event. State changes only in
 * the event sourcing handlers. Refusals are checked {@link io.stockledger.command.api.LedgerRefusal}s, so the
 * expiries recorded before a refusal are kept.
 */
@Aggregate(cache = "stockLedgerCache", snapshotTriggerDefinition = "stockLedgerSnapshotTrigger",
        snapshotFilter = "stockLedgerSnapshotFilter")
@Revision(LedgerSnapshots.REVISION)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class StockLedger implements SizedState {

    /**
     * How long a settled request stays in memory to answer retries (unless {@link #SETTLED_REQUESTS_REMEMBERED}
     * pushes it out first). Beyond it the request registry still refuses a reused key, but the ledger no longer
     * knows the first answer. A constant, not configuration: the memory is
     * rebuilt from events and must come out the same on every replay.
     */
    static final Duration REQUEST_RETENTION = Duration.ofHours(24);

    /**
     * At most this many settled requests are remembered, so a hot SKU's state (and its snapshot) stays small
     * however many requests a day brings: about 250 bytes each. Constant for the same reason as the retention.
     */
    static final int SETTLED_REQUESTS_REMEMBERED = 10_000;

    // Not final: snapshots are restored by Jackson, which sets fields by reflection (JEP 500 restricts that for
    // final fields).
    @AggregateIdentifier
    private String ledgerId;
    private long onHand;
    private Lots lots = new Lots();
    private PickingPolicy pickingPolicy;
    private Reservations reservations = new Reservations();
    private RequestMemory requests = new RequestMemory();

    protected StockLedger() {
        // for Axon and for snapshots
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    MovementOutcome handle(ReceiveStock command, MetaData metaData, Clock clock)
            throws IdempotencyKeyReusedException, LotExpiryMismatchException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        Optional<UsedKey> earlier = requests.lookup(command.idempotencyKey());
        if (earlier.isPresent()) {
            return replayedMovement(command.ledgerId(), command.idempotencyKey(), earlier.get(),
                    Fingerprint.of(command), now);
        }
        String batch = command.batchNumber() == null ? LotQuantity.DEFAULT_BATCH : command.batchNumber();
        Optional<Lot> existing = lots.find(batch);
        // a receipt may leave the expiry out for a lot that exists; stating another one is a different lot
        if (existing.isPresent() && command.expiryDate() != null
                && !command.expiryDate().equals(existing.get().expiryDate())) {
            throw new LotExpiryMismatchException(batch, existing.get().expiryDate(), command.expiryDate());
        }
        if (existing.isEmpty() && LotQuantity.DEFAULT_BATCH.equals(batch) && command.expiryDate() != null) {
            throw new LotExpiryMismatchException(batch, null, command.expiryDate());
        }

        UUID eventId = UUID.randomUUID();
        apply(new StockReceived(eventId, now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), command.quantity(), command.unitCost(),
                command.idempotencyKey(), batch, command.expiryDate(), command.location()));
        return new MovementOutcome(eventId, command.ledgerId(), command.quantity(), levels(now), false);
    }

    @CommandHandler
    ReservationOutcome handle(ReserveStock command, MetaData metaData, Clock clock)
            throws InsufficientStockException, InsufficientShelfLifeException, IdempotencyKeyReusedException,
            ReservationIdTakenException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        Optional<UsedKey> earlier = requests.lookup(command.idempotencyKey());
        if (earlier.isPresent()) {
            return replayedReservation(command, earlier.get());
        }
        if (reservations.find(command.reservationId()).isPresent()) {
            throw new ReservationIdTakenException(command.reservationId());
        }
        LocalDate minExpiry = minExpiryDateOf(command, now);
        Predicate<Lot> usable = lot -> lot.isUsableAt(now);
        Optional<List<LotQuantity>> allocation = lots.pick(command.quantity(), policy(),
                usable.and(lot -> lot.lastsUntil(minExpiry)));
        if (allocation.isEmpty()) {
            long available = lots.unreserved(usable);
            if (minExpiry != null && available >= command.quantity()) {
                throw new InsufficientShelfLifeException(command.quantity(), minExpiry,
                        lots.unreserved(usable.and(lot -> lot.lastsUntil(minExpiry))), available);
            }
            throw new InsufficientStockException(command.quantity(), available);
        }
        apply(new ReservationRequested(UUID.randomUUID(), now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), command.reservationId(), command.quantity(),
                (int) command.ttl().toSeconds(), now.plus(command.ttl()), command.idempotencyKey(),
                allocation.get(), minExpiry));
        return reservation(command.reservationId()).outcome(command.ledgerId(), false);
    }

    @CommandHandler
    ReservationOutcome handle(ConfirmReservation command, MetaData metaData, Clock clock)
            throws ReservationNotFoundException, ReservationExpiredException, ReservationNotPendingException,
            ReservedLotUnavailableException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        Reservation reservation = reservations.find(command.reservationId())
                .orElseThrow(() -> new ReservationNotFoundException(command.reservationId()));
        switch (reservation.status()) {
            case CONFIRMED -> {
                return reservation.outcome(command.ledgerId(), true);
            }
            case EXPIRED -> throw new ReservationExpiredException(reservation.id(), reservation.expiresAt());
            case RELEASED -> throw new ReservationNotPendingException(reservation.id(), reservation.status(),
                    "confirm");
            case PENDING -> {
                // confirmable
            }
        }
        List<LotQuantity> consumed = lotsToConsume(reservation, now);
        apply(new ReservationConfirmed(UUID.randomUUID(), now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), reservation.id(), reservation.quantity(),
                consumed));
        return reservation(reservation.id()).outcome(command.ledgerId(), false);
    }

    @CommandHandler
    ReservationOutcome handle(ReleaseReservation command, MetaData metaData, Clock clock)
            throws ReservationNotFoundException, ReservationNotPendingException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        Reservation reservation = reservations.find(command.reservationId())
                .orElseThrow(() -> new ReservationNotFoundException(command.reservationId()));
        switch (reservation.status()) {
            // Released again, or already given back by expiry: either way the units are free; say so, write nothing.
            case RELEASED, EXPIRED -> {
                return reservation.outcome(command.ledgerId(), true);
            }
            case CONFIRMED -> throw new ReservationNotPendingException(reservation.id(), reservation.status(),
                    "release");
            case PENDING -> {
                // releasable
            }
        }
        apply(new ReservationReleased(UUID.randomUUID(), now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), reservation.id(), reservation.quantity(),
                reservation.heldLots()));
        return reservation(reservation.id()).outcome(command.ledgerId(), false);
    }

    @CommandHandler
    MovementOutcome handle(AdjustStock command, MetaData metaData, Clock clock)
            throws AdjustmentBelowReservedException, IdempotencyKeyReusedException, LotNotFoundException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        Optional<UsedKey> earlier = requests.lookup(command.idempotencyKey());
        if (earlier.isPresent()) {
            return replayedMovement(command.ledgerId(), command.idempotencyKey(), earlier.get(),
                    Fingerprint.of(command), now);
        }

        List<LotQuantity> moved = lotsToAdjust(command);
        UUID eventId = UUID.randomUUID();
        apply(new StockAdjusted(eventId, now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), command.quantity(), command.reason().name(),
                command.note(), command.idempotencyKey(), command.batchNumber(), moved));
        return new MovementOutcome(eventId, command.ledgerId(), command.quantity(), levels(now), false);
    }

    @CommandHandler
    LotState handle(QuarantineLot command, MetaData metaData, Clock clock) throws LotNotFoundException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        Lot lot = lot(command.batchNumber());
        if (lot.isQuarantined()) {
            return lotState(command.ledgerId(), lot, now, true);
        }
        apply(new LotQuarantined(UUID.randomUUID(), now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), lot.batchNumber(), command.reason(),
                (int) lot.quantity()));
        return lotState(command.ledgerId(), lot(command.batchNumber()), now, false);
    }

    @CommandHandler
    LotState handle(ReleaseLotFromQuarantine command, MetaData metaData, Clock clock) throws LotNotFoundException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        Lot lot = lot(command.batchNumber());
        if (!lot.isQuarantined()) {
            return lotState(command.ledgerId(), lot, now, true);
        }
        apply(new LotUnquarantined(UUID.randomUUID(), now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), lot.batchNumber(), command.reason(),
                (int) lot.quantity()));
        return lotState(command.ledgerId(), lot(command.batchNumber()), now, false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PickingPolicy handle(SetPickingPolicy command, MetaData metaData, Clock clock) {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        if (ledgerId != null && command.policy() == policy()) {
            return policy();
        }
        apply(new PickingPolicyChanged(UUID.randomUUID(), now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), command.policy().name()));
        return policy();
    }

    @CommandHandler
    TransferOutcome handle(ShipTransfer command, MetaData metaData, Clock clock)
            throws IdempotencyKeyReusedException, InsufficientStockException, LotNotFoundException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        Optional<UsedKey> earlier = requests.lookup(command.idempotencyKey());
        if (earlier.isPresent()) {
            UsedKey first = earlier.get();
            if (first.transferId() == null || !first.fingerprint().equals(Fingerprint.of(command))) {
                throw new IdempotencyKeyReusedException(command.idempotencyKey(),
                        "first used for: " + first.fingerprint());
            }
            return new TransferOutcome(first.transferId(), command.ledgerId(), command.toWarehouseId(),
                    first.quantity(), List.of(), levels(now), true);
        }
        Predicate<Lot> usable = lot -> lot.isUsableAt(now);
        if (command.batchNumber() != null) {
            lot(command.batchNumber());
            usable = usable.and(lot -> lot.batchNumber().equals(command.batchNumber()));
        }
        Predicate<Lot> shippable = usable;
        List<LotQuantity> picked = lots.pick(command.quantity(), policy(), shippable)
                .orElseThrow(() -> new InsufficientStockException(command.quantity(), lots.unreserved(shippable)));
        List<ShippedLot> shipped = picked.stream().map(this::shipped).toList();
        apply(new TransferShipped(UUID.randomUUID(), now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), command.transferId(), command.toWarehouseId(),
                command.quantity(), command.batchNumber(), shipped, command.idempotencyKey()));
        return new TransferOutcome(command.transferId(), command.ledgerId(), command.toWarehouseId(),
                command.quantity(), shipped, levels(now), false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    MovementOutcome handle(ReceiveTransfer command, MetaData metaData, Clock clock) throws LotExpiryMismatchException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        int quantity = command.lots().stream().mapToInt(ShippedLot::quantity).sum();
        Optional<UsedKey> earlier = requests.lookup(ReceiveTransfer.receiptKeyOf(command.transferId()));
        if (earlier.isPresent()) {
            return new MovementOutcome(earlier.get().eventId(), command.ledgerId(), quantity, levels(now), true);
        }
        for (ShippedLot arriving : command.lots()) {
            Optional<Lot> existing = lots.find(arriving.batchNumber());
            if (existing.isPresent() && !Objects.equals(existing.get().expiryDate(), arriving.expiryDate())) {
                throw new LotExpiryMismatchException(arriving.batchNumber(), existing.get().expiryDate(),
                        arriving.expiryDate());
            }
        }
        UUID eventId = UUID.randomUUID();
        apply(new TransferReceived(eventId, now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), command.transferId(), command.fromWarehouseId(),
                quantity, command.lots()));
        return new MovementOutcome(eventId, command.ledgerId(), quantity, levels(now), false);
    }

    @CommandHandler
    MovementOutcome handle(ReturnTransfer command, MetaData metaData, Clock clock) {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        int quantity = command.lots().stream().mapToInt(ShippedLot::quantity).sum();
        Optional<UsedKey> earlier = requests.lookup(ReturnTransfer.returnKeyOf(command.transferId()));
        if (earlier.isPresent()) {
            return new MovementOutcome(earlier.get().eventId(), command.ledgerId(), quantity, levels(now), true);
        }
        UUID eventId = UUID.randomUUID();
        apply(new TransferReturned(eventId, now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), command.transferId(), command.toWarehouseId(),
                quantity, command.lots(), command.reason()));
        return new MovementOutcome(eventId, command.ledgerId(), quantity, levels(now), false);
    }

    @CommandHandler
    int handle(ExpireOverdueReservations command, MetaData metaData, Clock clock) {
        return expireOverdueReservations(command.ledgerId(), clock.instant(), CommandOrigin.from(metaData));
    }

    /**
     * Group commit: the commands that queued for this ledger while its previous write was under way, decided in one
     * unit of work. Each member runs through its own handler above, in arrival order and with its own metadata,
     * exactly as if it had come alone; a member's refusal is that member's answer and does not stop the others.
     * Anything else (a bug, a failed write at commit) fails the whole batch, and the dispatcher then sends the
     * members one by one. The command types that may be batched are {@link LedgerCommandBatch#BATCHABLE}.
     */
    @CommandHandler
    List<BatchMemberOutcome> handle(LedgerCommandBatch batch, Clock clock) {
        List<BatchMemberOutcome> outcomes = new ArrayList<>(batch.size());
        for (CommandMessage<?> member : batch.members()) {
            try {
                outcomes.add(BatchMemberOutcome.answered(AsBatchMember.run(member,
                        () -> handleMember(member.getPayload(), member.getMetaData(), clock))));
            } catch (LedgerRefusal refusal) {
                outcomes.add(BatchMemberOutcome.refused(refusal));
            }
        }
        return outcomes;
    }

    private Object handleMember(Object command, MetaData metaData, Clock clock) throws LedgerRefusal {
        return switch (command) {
            case ReserveStock reserve -> handle(reserve, metaData, clock);
            case ConfirmReservation confirm -> handle(confirm, metaData, clock);
            case ReleaseReservation release -> handle(release, metaData, clock);
            case ReceiveStock receive -> handle(receive, metaData, clock);
            case AdjustStock adjust -> handle(adjust, metaData, clock);
            default -> throw new IllegalArgumentException("not a batchable command: " + command);
        };
    }

    /** Records the expiry of every reservation whose deadline has passed, before anything else is decided. */
    private int expireOverdueReservations(StockLedgerId id, Instant now, CommandOrigin origin) {
        List<Reservation> overdue = reservations.overdueAt(now);
        for (Reservation reservation : overdue) {
            apply(new ReservationExpired(UUID.randomUUID(), now, origin.traceId(), id.productId(), id.warehouseId(),
                    CommandOrigin.LEDGER, reservation.id(), reservation.quantity(), reservation.expiresAt(),
                    reservation.heldLots()));
        }
        return overdue.size();
    }

    private static LocalDate minExpiryDateOf(ReserveStock command, Instant now) {
        if (command.minShelfLifeDays() != null) {
            return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(command.minShelfLifeDays());
        }
        return command.minExpiryDate();
    }

    /**
     * The lots a confirmation consumes: those the reservation holds, except that units held in a lot that has since
     * been quarantined or has expired are taken from other usable lots instead, so blocked goods never ship.
     */
    private List<LotQuantity> lotsToConsume(Reservation reservation, Instant now)
            throws ReservedLotUnavailableException {
        Predicate<Lot> shippable = lot -> lot.isUsableAt(now) && lot.lastsUntil(reservation.minExpiryDate());
        List<LotQuantity> consumed = new ArrayList<>();
        int shortfall = 0;
        String firstBlocked = null;
        for (LotQuantity held : reservation.heldLots()) {
            if (shippable.test(lots.find(held.batchNumber()).orElseThrow())) {
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
        consumed.addAll(lots.pick(missing, policy(), shippable)
                .orElseThrow(() -> new ReservedLotUnavailableException(reservation.id(), blocked, missing)));
        return merged(consumed);
    }

    /** Where an adjustment's units go to or come from; refuses one that would eat into reserved units. */
    private List<LotQuantity> lotsToAdjust(AdjustStock command)
            throws AdjustmentBelowReservedException, LotNotFoundException {
        int quantity = command.quantity();
        String named = command.batchNumber();
        if (named != null) {
            Optional<Lot> lot = lots.find(named);
            if (lot.isEmpty() && !(quantity > 0 && LotQuantity.DEFAULT_BATCH.equals(named))) {
                throw new LotNotFoundException(named);
            }
            if (lot.isPresent() && lot.get().quantity() + quantity < lot.get().reserved()) {
                throw new AdjustmentBelowReservedException(named, quantity, lot.get().quantity(),
                        lot.get().reserved());
            }
            return List.of(new LotQuantity(named, Math.abs(quantity)));
        }
        if (quantity > 0) {
            return List.of(new LotQuantity(LotQuantity.DEFAULT_BATCH, quantity));
        }
        if (onHand + quantity < reservations.reserved()) {
            throw new AdjustmentBelowReservedException(quantity, onHand, reservations.reserved());
        }
        // a loss nobody can place: take unreserved units in picking order, whatever their lot's status
        return lots.pick(-quantity, policy(), lot -> true).orElseThrow();
    }

    private static List<LotQuantity> merged(List<LotQuantity> lots) {
        Map<String, Integer> byBatch = new LinkedHashMap<>();
        lots.forEach(lot -> byBatch.merge(lot.batchNumber(), lot.quantity(), Integer::sum));
        return byBatch.entrySet().stream().map(e -> new LotQuantity(e.getKey(), e.getValue())).toList();
    }

    private ShippedLot shipped(LotQuantity picked) {
        Lot lot = lots.find(picked.batchNumber()).orElseThrow();
        return new ShippedLot(lot.batchNumber(), picked.quantity(), lot.expiryDate(), lot.location(), lot.unitCost());
    }

    private Lot lot(String batchNumber) throws LotNotFoundException {
        return lots.find(batchNumber).orElseThrow(() -> new LotNotFoundException(batchNumber));
    }

    private LotState lotState(StockLedgerId id, Lot lot, Instant now, boolean replayed) {
        long available = lot.isUsableAt(now) ? lot.unreserved() : 0;
        return new LotState(id, lot.batchNumber(), lot.expiryDate(), lot.receivedAt(), lot.location(),
                lot.unitCost(), lot.quantity(), lot.reserved(), available, lot.statusAt(now), lot.quarantineReason(),
                replayed);
    }

    private MovementOutcome replayedMovement(StockLedgerId id, String key, UsedKey earlier, String fingerprint,
                                             Instant now) throws IdempotencyKeyReusedException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException(key, "first used for: " + earlier.fingerprint());
        }
        return new MovementOutcome(earlier.eventId(), id, earlier.quantity(), levels(now), true);
    }

    private ReservationOutcome replayedReservation(ReserveStock command, UsedKey earlier)
            throws IdempotencyKeyReusedException {
        if (earlier.reservationId() == null || !earlier.fingerprint().equals(Fingerprint.of(command))) {
            throw new IdempotencyKeyReusedException(command.idempotencyKey(),
                    "first used for: " + earlier.fingerprint());
        }
        return reservation(earlier.reservationId()).outcome(command.ledgerId(), true);
    }

    private Reservation reservation(UUID id) {
        return reservations.find(id).orElseThrow();
    }

    private PickingPolicy policy() {
        return pickingPolicy == null ? PickingPolicy.DEFAULT : pickingPolicy;
    }

    /** The balance at {@code now}: which lots are expired depends on the date. */
    StockLevels levels(Instant now) {
        long available = lots.unreserved(lot -> lot.isUsableAt(now));
        return new StockLevels(onHand, reservations.reserved(), available, lots.blockedAt(now));
    }

    /**
     * For tests of SKUs whose lots never expire (only dated lots depend on the date): the balance as if no lot had
     * expired yet.
     */
    StockLevels levels() {
        return levels(Instant.EPOCH);
    }

    /** For tests and diagnostics: the lots as they are now. */
    List<Lot> lots() {
        return List.copyOf(lots.all());
    }

    /** For tests and diagnostics: how many reservations and keys the ledger currently remembers. */
    int rememberedRequests() {
        return requests.size();
    }

    int rememberedReservations() {
        return reservations.size();
    }

    /** What a snapshot of this ledger holds: its reservations, remembered requests and lots. */
    @Override
    public int stateEntries() {
        return reservations.size() + requests.size() + lots.all().size();
    }

    @EventSourcingHandler
    void on(StockReceived event) {
        identify(event.productId(), event.warehouseId());
        String batch = event.batchNumber() == null ? LotQuantity.DEFAULT_BATCH : event.batchNumber();
        lots.receive(batch, event.expiryDate(), event.timestamp(), event.location(), event.unitCost(),
                event.quantity());
        onHand += event.quantity();
        rememberSettled(event.idempotencyKey(),
                UsedKey.forMovement(Fingerprint.of(event), event.eventId(), event.quantity(), event.timestamp()));
    }

    @EventSourcingHandler
    void on(StockAdjusted event) {
        List<LotQuantity> moved = LotQuantity.orDefault(event.lots(), Math.abs(event.quantity()));
        if (event.quantity() > 0) {
            moved.forEach(lot -> lots.receive(lot.batchNumber(), null, event.timestamp(), null, null, lot.quantity()));
        } else {
            lots.take(moved);
        }
        onHand += event.quantity();
        rememberSettled(event.idempotencyKey(),
                UsedKey.forMovement(Fingerprint.of(event), event.eventId(), event.quantity(), event.timestamp()));
    }

    @EventSourcingHandler
    void on(ReservationRequested event) {
        List<LotQuantity> held = LotQuantity.orDefault(event.lots(), event.quantity());
        lots.reserve(held);
        reservations.add(new Reservation(event.reservationId(), event.quantity(), event.idempotencyKey(),
                event.ttlSeconds(), event.timestamp(), event.expiresAt(), ReservationStatus.PENDING, held,
                event.minExpiryDate()));
        requests.remember(event.idempotencyKey(), UsedKey.forReservation(Fingerprint.of(event), event.eventId(),
                event.reservationId(), event.quantity(), event.timestamp()));
        forgetWhatRetentionAllows(event.timestamp());
    }

    @EventSourcingHandler
    void on(ReservationConfirmed event) {
        lots.unreserve(reservation(event.reservationId()).heldLots());
        lots.take(LotQuantity.orDefault(event.lots(), event.quantity()));
        onHand -= event.quantity();
        settle(event.reservationId(), ReservationStatus.CONFIRMED, event.timestamp());
    }

    @EventSourcingHandler
    void on(ReservationReleased event) {
        lots.unreserve(reservation(event.reservationId()).heldLots());
        settle(event.reservationId(), ReservationStatus.RELEASED, event.timestamp());
    }

    @EventSourcingHandler
    void on(ReservationExpired event) {
        lots.unreserve(reservation(event.reservationId()).heldLots());
        settle(event.reservationId(), ReservationStatus.EXPIRED, event.timestamp());
    }

    @EventSourcingHandler
    void on(LotQuarantined event) {
        lots.quarantine(event.batchNumber(), event.reason());
    }

    @EventSourcingHandler
    void on(LotUnquarantined event) {
        lots.liftQuarantine(event.batchNumber());
    }

    @EventSourcingHandler
    void on(PickingPolicyChanged event) {
        identify(event.productId(), event.warehouseId());
        pickingPolicy = PickingPolicy.valueOf(event.policy());
    }

    @EventSourcingHandler
    void on(TransferShipped event) {
        lots.take(event.lots().stream().map(ShippedLot::asLotQuantity).toList());
        onHand -= event.quantity();
        rememberSettled(event.idempotencyKey(), UsedKey.forTransfer(Fingerprint.of(event), event.eventId(),
                event.transferId(), event.quantity(), event.timestamp()));
    }

    @EventSourcingHandler
    void on(TransferReceived event) {
        identify(event.productId(), event.warehouseId());
        takeIn(event.lots(), event.timestamp());
        onHand += event.quantity();
        rememberSettled(ReceiveTransfer.receiptKeyOf(event.transferId()), UsedKey.forTransfer("transfer receipt",
                event.eventId(), event.transferId(), event.quantity(), event.timestamp()));
    }

    @EventSourcingHandler
    void on(TransferReturned event) {
        takeIn(event.lots(), event.timestamp());
        onHand += event.quantity();
        rememberSettled(ReturnTransfer.returnKeyOf(event.transferId()), UsedKey.forTransfer("transfer return",
                event.eventId(), event.transferId(), event.quantity(), event.timestamp()));
    }

    private void takeIn(List<ShippedLot> arriving, Instant at) {
        arriving.forEach(lot -> lots.receive(lot.batchNumber(), lot.expiryDate(), at, lot.location(), lot.unitCost(),
                lot.quantity()));
    }

    private void identify(UUID productId, UUID warehouseId) {
        ledgerId = new StockLedgerId(productId, warehouseId).toString();
    }

    private void rememberSettled(String key, UsedKey use) {
        requests.remember(key, use);
        requests.settled(key, use.usedAt());
        forgetWhatRetentionAllows(use.usedAt());
    }

    private void settle(UUID reservationId, ReservationStatus terminal, Instant at) {
        Reservation settled = reservations.settle(reservationId, terminal);
        requests.settled(settled.idempotencyKey(), at);
        forgetWhatRetentionAllows(at);
    }

    private void forgetWhatRetentionAllows(Instant now) {
        for (UsedKey forgotten : requests.forgetSettled(now.minus(REQUEST_RETENTION), SETTLED_REQUESTS_REMEMBERED)) {
            if (forgotten.reservationId() != null) {
                reservations.forget(forgotten.reservationId());
            }
        }
    }
}
