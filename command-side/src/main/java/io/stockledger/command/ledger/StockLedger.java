package io.stockledger.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.AdjustmentBelowReservedException;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.ExpireOverdueReservations;
import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.InsufficientShelfLifeException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.LedgerCommand;
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
import io.stockledger.command.api.TransferOutcome;
import io.stockledger.command.config.SizedState;
import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.LedgerCommandBatch;
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
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
        CommandContext context = begin(command, metaData, clock);
        Optional<UsedKey> first = requests.retryOf(command.idempotencyKey(), Fingerprint.of(command));
        if (first.isPresent()) {
            return movement(context, first.get().eventId(), first.get().quantity(), true);
        }
        String batch = Lots.orDefault(command.batchNumber());
        lots.requireReceivable(batch, command.expiryDate());

        StockReceived received = new StockReceived(context.newEvent(), command.quantity(), command.unitCost(),
                command.idempotencyKey(), batch, command.expiryDate(), command.location());
        apply(received);
        return movement(context, received.eventId(), command.quantity(), false);
    }

    @CommandHandler
    ReservationOutcome handle(ReserveStock command, MetaData metaData, Clock clock)
            throws InsufficientStockException, InsufficientShelfLifeException, IdempotencyKeyReusedException,
            ReservationIdTakenException {
        CommandContext context = begin(command, metaData, clock);
        Optional<UsedKey> first = requests.retryOf(command.idempotencyKey(), Fingerprint.of(command));
        if (first.isPresent()) {
            return reservation(first.get().reservationId()).outcome(command.ledgerId(), true);
        }
        if (reservations.find(command.reservationId()).isPresent()) {
            throw new ReservationIdTakenException(command.reservationId());
        }
        LocalDate minExpiry = minExpiryDateOf(command, context.now());
        List<LotQuantity> held = lots.toReserve(command.quantity(), policy(), minExpiry, context.now());

        apply(new ReservationRequested(context.newEvent(), command.reservationId(), command.quantity(),
                (int) command.ttl().toSeconds(), context.now().plus(command.ttl()), command.idempotencyKey(), held,
                minExpiry, command.orderId(), command.lineId()));
        return reservation(command.reservationId()).outcome(command.ledgerId(), false);
    }

    @CommandHandler
    ReservationOutcome handle(ConfirmReservation command, MetaData metaData, Clock clock)
            throws ReservationNotFoundException, ReservationExpiredException, ReservationNotPendingException,
            ReservedLotUnavailableException {
        CommandContext context = begin(command, metaData, clock);
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
        List<LotQuantity> consumed = lots.toConsume(reservation, policy(), context.now());

        apply(new ReservationConfirmed(context.newEvent(), reservation.id(), reservation.quantity(), consumed,
                reservation.orderId(), reservation.lineId()));
        return reservation(reservation.id()).outcome(command.ledgerId(), false);
    }

    @CommandHandler
    ReservationOutcome handle(ReleaseReservation command, MetaData metaData, Clock clock)
            throws ReservationNotFoundException, ReservationNotPendingException {
        CommandContext context = begin(command, metaData, clock);
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

        apply(new ReservationReleased(context.newEvent(), reservation.id(), reservation.quantity(),
                reservation.heldLots(), reservation.orderId(), reservation.lineId()));
        return reservation(reservation.id()).outcome(command.ledgerId(), false);
    }

    @CommandHandler
    MovementOutcome handle(AdjustStock command, MetaData metaData, Clock clock)
            throws AdjustmentBelowReservedException, IdempotencyKeyReusedException, LotNotFoundException {
        CommandContext context = begin(command, metaData, clock);
        Optional<UsedKey> first = requests.retryOf(command.idempotencyKey(), Fingerprint.of(command));
        if (first.isPresent()) {
            return movement(context, first.get().eventId(), first.get().quantity(), true);
        }
        // a loss naming no lot must leave on hand what is reserved; a named lot keeps its own reserved units (Lots)
        if (command.batchNumber() == null && command.quantity() < 0
                && onHand + command.quantity() < reservations.reserved()) {
            throw new AdjustmentBelowReservedException(command.quantity(), onHand, reservations.reserved());
        }
        List<LotQuantity> moved = lots.toAdjust(command.quantity(), command.batchNumber(), policy());

        StockAdjusted adjusted = new StockAdjusted(context.newEvent(), command.quantity(), command.reason().name(),
                command.note(), command.idempotencyKey(), command.batchNumber(), moved);
        apply(adjusted);
        return movement(context, adjusted.eventId(), command.quantity(), false);
    }

    @CommandHandler
    LotState handle(QuarantineLot command, MetaData metaData, Clock clock) throws LotNotFoundException {
        CommandContext context = begin(command, metaData, clock);
        Lot lot = lots.named(command.batchNumber());
        if (lot.isQuarantined()) {
            return lot.stateAt(command.ledgerId(), context.now(), true);
        }

        apply(new LotQuarantined(context.newEvent(), lot.batchNumber(), command.reason(), (int) lot.quantity()));
        return lots.named(command.batchNumber()).stateAt(command.ledgerId(), context.now(), false);
    }

    @CommandHandler
    LotState handle(ReleaseLotFromQuarantine command, MetaData metaData, Clock clock) throws LotNotFoundException {
        CommandContext context = begin(command, metaData, clock);
        Lot lot = lots.named(command.batchNumber());
        if (!lot.isQuarantined()) {
            return lot.stateAt(command.ledgerId(), context.now(), true);
        }

        apply(new LotUnquarantined(context.newEvent(), lot.batchNumber(), command.reason(), (int) lot.quantity()));
        return lots.named(command.batchNumber()).stateAt(command.ledgerId(), context.now(), false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PickingPolicy handle(SetPickingPolicy command, MetaData metaData, Clock clock) {
        CommandContext context = begin(command, metaData, clock);
        if (ledgerId != null && command.policy() == policy()) {
            return policy();
        }

        apply(new PickingPolicyChanged(context.newEvent(), command.policy().name()));
        return policy();
    }

    @CommandHandler
    TransferOutcome handle(ShipTransfer command, MetaData metaData, Clock clock)
            throws IdempotencyKeyReusedException, InsufficientStockException, LotNotFoundException {
        CommandContext context = begin(command, metaData, clock);
        Optional<UsedKey> first = requests.retryOf(command.idempotencyKey(), Fingerprint.of(command));
        if (first.isPresent()) {
            return new TransferOutcome(first.get().transferId(), command.ledgerId(), command.toWarehouseId(),
                    first.get().quantity(), List.of(), levels(context.now()), true);
        }
        List<ShippedLot> shipped = lots.toShip(command.quantity(), command.batchNumber(), policy(), context.now());

        apply(new TransferShipped(context.newEvent(), command.transferId(), command.toWarehouseId(),
                command.quantity(), command.batchNumber(), shipped, command.idempotencyKey()));
        return new TransferOutcome(command.transferId(), command.ledgerId(), command.toWarehouseId(),
                command.quantity(), shipped, levels(context.now()), false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    MovementOutcome handle(ReceiveTransfer command, MetaData metaData, Clock clock) throws LotExpiryMismatchException {
        CommandContext context = begin(command, metaData, clock);
        int quantity = command.lots().stream().mapToInt(ShippedLot::quantity).sum();
        Optional<UsedKey> first = requests.lookup(ReceiveTransfer.receiptKeyOf(command.transferId()));
        if (first.isPresent()) {
            return movement(context, first.get().eventId(), quantity, true);
        }
        lots.requireReceivable(command.lots());

        TransferReceived received = new TransferReceived(context.newEvent(), command.transferId(),
                command.fromWarehouseId(), quantity, command.lots());
        apply(received);
        return movement(context, received.eventId(), quantity, false);
    }

    @CommandHandler
    MovementOutcome handle(ReturnTransfer command, MetaData metaData, Clock clock) {
        CommandContext context = begin(command, metaData, clock);
        int quantity = command.lots().stream().mapToInt(ShippedLot::quantity).sum();
        Optional<UsedKey> first = requests.lookup(ReturnTransfer.returnKeyOf(command.transferId()));
        if (first.isPresent()) {
            return movement(context, first.get().eventId(), quantity, true);
        }

        TransferReturned returned = new TransferReturned(context.newEvent(), command.transferId(),
                command.toWarehouseId(), quantity, command.lots(), command.reason());
        apply(returned);
        return movement(context, returned.eventId(), quantity, false);
    }

    @CommandHandler
    int handle(ExpireOverdueReservations command, MetaData metaData, Clock clock) {
        return expireOverdueReservations(CommandContext.of(command, metaData, clock));
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
        // the batch's last version, not each refusal's own: a batch that appended anything and commits was not
        // decided on a stale copy (its append would have conflicted), so only a batch of pure refusals can be
        Long version = AggregateLifecycle.getVersion();
        outcomes.stream().filter(BatchMemberOutcome::isRefusal)
                .forEach(outcome -> outcome.refusal().decidedAtVersion(version));
        return outcomes;
    }

    /**
     * Records on every refusal the version it was decided at: a refusal appends nothing, so a copy of this ledger
     * older than the store (another instance appended since it was cached) is not caught by a conflicting append;
     * the dispatcher compares this version with the store's and decides once more on a fresh load if it is behind.
     */
    @CommandHandlerInterceptor
    Object recordVersionOfRefusal(InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (LedgerRefusal refusal) {
            refusal.decidedAtVersion(AggregateLifecycle.getVersion());
            throw refusal;
        }
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

    /** Every command starts here: what time has already decided is recorded before anything else is. */
    private CommandContext begin(LedgerCommand command, MetaData metaData, Clock clock) {
        CommandContext context = CommandContext.of(command, metaData, clock);
        expireOverdueReservations(context);
        return context;
    }

    /** Records the expiry of every reservation whose deadline has passed. */
    private int expireOverdueReservations(CommandContext context) {
        List<Reservation> overdue = reservations.overdueAt(context.now());
        for (Reservation reservation : overdue) {
            apply(new ReservationExpired(context.newLedgerFact(), reservation.id(), reservation.quantity(),
                    reservation.expiresAt(), reservation.heldLots(), reservation.orderId(), reservation.lineId()));
        }
        return overdue.size();
    }

    private static LocalDate minExpiryDateOf(ReserveStock command, Instant now) {
        if (command.minShelfLifeDays() != null) {
            return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(command.minShelfLifeDays());
        }
        return command.minExpiryDate();
    }

    private MovementOutcome movement(CommandContext context, UUID eventId, int quantity, boolean replayed) {
        return new MovementOutcome(eventId, context.ledgerId(), quantity, levels(context.now()), replayed);
    }

    private Reservation reservation(UUID id) {
        return reservations.find(id).orElseThrow();
    }

    private PickingPolicy policy() {
        return pickingPolicy == null ? PickingPolicy.DEFAULT : pickingPolicy;
    }

    /**
     * What this ledger could still reserve at {@code now}, to try allocations on without deciding anything: a copy of
     * its lots with the units of overdue reservations given back, as the next command would record.
     */
    LedgerTrial trialAt(Instant now) {
        Lots trial = lots.copy();
        reservations.overdueAt(now).forEach(overdue -> trial.unreserve(overdue.heldLots()));
        return new LedgerTrial(trial, policy(), now);
    }

    /**
     * A reservation's status as time has decided it: a pending one past its deadline is expired, recorded or not.
     * Empty when the ledger no longer remembers it (settled longer ago than its memory window).
     */
    Optional<ReservationStatus> statusAt(UUID reservationId, Instant now) {
        return reservations.find(reservationId).map(reservation -> reservation.isOverdueAt(now)
                ? ReservationStatus.EXPIRED : reservation.status());
    }

    /** The balance at {@code now}: which lots are expired depends on the date. */
    StockLevels levels(Instant now) {
        return new StockLevels(onHand, reservations.reserved(), lots.availableAt(now), lots.blockedAt(now));
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
        lots.receive(Lots.orDefault(event.batchNumber()), event.expiryDate(), event.timestamp(), event.location(),
                event.unitCost(), event.quantity());
        onHand += event.quantity();
        forgetReservationsOf(requests.rememberSettled(event.idempotencyKey(),
                UsedKey.forMovement(Fingerprint.of(event), event.eventId(), event.quantity(), event.timestamp())));
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
        forgetReservationsOf(requests.rememberSettled(event.idempotencyKey(),
                UsedKey.forMovement(Fingerprint.of(event), event.eventId(), event.quantity(), event.timestamp())));
    }

    @EventSourcingHandler
    void on(ReservationRequested event) {
        List<LotQuantity> held = LotQuantity.orDefault(event.lots(), event.quantity());
        lots.reserve(held);
        reservations.add(new Reservation(event.reservationId(), event.quantity(), event.idempotencyKey(),
                event.ttlSeconds(), event.timestamp(), event.expiresAt(), ReservationStatus.PENDING, held,
                event.minExpiryDate(), event.orderId(), event.lineId()));
        forgetReservationsOf(requests.rememberOpen(event.idempotencyKey(), UsedKey.forReservation(
                Fingerprint.of(event), event.eventId(), event.reservationId(), event.quantity(), event.timestamp())));
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
        forgetReservationsOf(requests.rememberSettled(event.idempotencyKey(), UsedKey.forTransfer(
                Fingerprint.of(event), event.eventId(), event.transferId(), event.quantity(), event.timestamp())));
    }

    @EventSourcingHandler
    void on(TransferReceived event) {
        identify(event.productId(), event.warehouseId());
        lots.receive(event.lots(), event.timestamp());
        onHand += event.quantity();
        forgetReservationsOf(requests.rememberSettled(ReceiveTransfer.receiptKeyOf(event.transferId()),
                UsedKey.forTransfer("transfer receipt", event.eventId(), event.transferId(), event.quantity(),
                        event.timestamp())));
    }

    @EventSourcingHandler
    void on(TransferReturned event) {
        lots.receive(event.lots(), event.timestamp());
        onHand += event.quantity();
        forgetReservationsOf(requests.rememberSettled(ReturnTransfer.returnKeyOf(event.transferId()),
                UsedKey.forTransfer("transfer return", event.eventId(), event.transferId(), event.quantity(),
                        event.timestamp())));
    }

    private void identify(UUID productId, UUID warehouseId) {
        ledgerId = new StockLedgerId(productId, warehouseId).toString();
    }

    private void settle(UUID reservationId, ReservationStatus terminal, Instant at) {
        Reservation settled = reservations.settle(reservationId, terminal);
        forgetReservationsOf(requests.settled(settled.idempotencyKey(), at));
    }

    /** A settled reservation is remembered exactly as long as the key that made it, so a retry finds both or none. */
    private void forgetReservationsOf(List<UsedKey> forgottenKeys) {
        for (UsedKey forgotten : forgottenKeys) {
            if (forgotten.reservationId() != null) {
                reservations.forget(forgotten.reservationId());
            }
        }
    }
}
