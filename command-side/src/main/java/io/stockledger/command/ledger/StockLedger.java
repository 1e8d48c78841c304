package io.stockledger.command.ledger;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.AdjustmentBelowReservedException;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.ExpireOverdueReservations;
import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.MovementOutcome;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReservationExpiredException;
import io.stockledger.command.api.ReservationIdTakenException;
import io.stockledger.command.api.ReservationNotFoundException;
import io.stockledger.command.api.ReservationNotPendingException;
import io.stockledger.command.api.ReservationOutcome;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLevels;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * <p>Each command handler first records what time has already decided (reservations past their deadline expire),
 * then answers a retried request from memory or checks its guards, then applies its event. State changes only in the event sourcing handlers. Refusals are
 * checked {@link io.stockledger.command.api.LedgerRefusal}s, so the expiries recorded before a refusal are kept.
 */
@Aggregate(cache = "stockLedgerCache", snapshotTriggerDefinition = "stockLedgerSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class StockLedger {

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
    private Reservations reservations = new Reservations();
    private RequestMemory requests = new RequestMemory();

    protected StockLedger() {
        // for Axon and for snapshots
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    MovementOutcome handle(ReceiveStock command, MetaData metaData, Clock clock)
            throws IdempotencyKeyReusedException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        Optional<UsedKey> earlier = requests.lookup(command.idempotencyKey());
        if (earlier.isPresent()) {
            return replayedMovement(command.ledgerId(), command.idempotencyKey(), earlier.get(),
                    Fingerprint.of(command));
        }

        UUID eventId = UUID.randomUUID();
        apply(new StockReceived(eventId, now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), command.quantity(), command.unitCost(),
                command.idempotencyKey()));
        return new MovementOutcome(eventId, command.ledgerId(), command.quantity(), levels(), false);
    }

    @CommandHandler
    ReservationOutcome handle(ReserveStock command, MetaData metaData, Clock clock)
            throws InsufficientStockException, IdempotencyKeyReusedException, ReservationIdTakenException {
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
        if (command.quantity() > available()) {
            throw new InsufficientStockException(command.quantity(), available());
        }
        apply(new ReservationRequested(UUID.randomUUID(), now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), command.reservationId(), command.quantity(),
                (int) command.ttl().toSeconds(), now.plus(command.ttl()), command.idempotencyKey()));
        return reservation(command.reservationId()).outcome(command.ledgerId(), false);
    }

    @CommandHandler
    ReservationOutcome handle(ConfirmReservation command, MetaData metaData, Clock clock)
            throws ReservationNotFoundException, ReservationExpiredException, ReservationNotPendingException {
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
        apply(new ReservationConfirmed(UUID.randomUUID(), now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), reservation.id(), reservation.quantity()));
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
                command.ledgerId().warehouseId(), origin.actor(), reservation.id(), reservation.quantity()));
        return reservation(reservation.id()).outcome(command.ledgerId(), false);
    }

    @CommandHandler
    MovementOutcome handle(AdjustStock command, MetaData metaData, Clock clock)
            throws AdjustmentBelowReservedException, IdempotencyKeyReusedException {
        Instant now = clock.instant();
        CommandOrigin origin = CommandOrigin.from(metaData);
        expireOverdueReservations(command.ledgerId(), now, origin);

        Optional<UsedKey> earlier = requests.lookup(command.idempotencyKey());
        if (earlier.isPresent()) {
            return replayedMovement(command.ledgerId(), command.idempotencyKey(), earlier.get(),
                    Fingerprint.of(command));
        }

        if (onHand + command.quantity() < reservations.reserved()) {
            throw new AdjustmentBelowReservedException(command.quantity(), onHand, reservations.reserved());
        }
        UUID eventId = UUID.randomUUID();
        apply(new StockAdjusted(eventId, now, origin.traceId(), command.ledgerId().productId(),
                command.ledgerId().warehouseId(), origin.actor(), command.quantity(), command.reason().name(),
                command.note(), command.idempotencyKey()));
        return new MovementOutcome(eventId, command.ledgerId(), command.quantity(), levels(), false);
    }

    @CommandHandler
    int handle(ExpireOverdueReservations command, MetaData metaData, Clock clock) {
        return expireOverdueReservations(command.ledgerId(), clock.instant(), CommandOrigin.from(metaData));
    }

    /** Records the expiry of every reservation whose deadline has passed, before anything else is decided. */
    private int expireOverdueReservations(StockLedgerId id, Instant now, CommandOrigin origin) {
        List<Reservation> overdue = reservations.overdueAt(now);
        for (Reservation reservation : overdue) {
            apply(new ReservationExpired(UUID.randomUUID(), now, origin.traceId(), id.productId(), id.warehouseId(),
                    CommandOrigin.LEDGER, reservation.id(), reservation.quantity(), reservation.expiresAt()));
        }
        return overdue.size();
    }

    private MovementOutcome replayedMovement(StockLedgerId id, String key, UsedKey earlier, String fingerprint)
            throws IdempotencyKeyReusedException {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException(key, "first used for: " + earlier.fingerprint());
        }
        return new MovementOutcome(earlier.eventId(), id, earlier.quantity(), levels(), true);
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

    private long available() {
        return onHand - reservations.reserved();
    }

    StockLevels levels() {
        return new StockLevels(onHand, reservations.reserved(), available());
    }

    /** For tests and diagnostics: how many reservations and keys the ledger currently remembers. */
    int rememberedRequests() {
        return requests.size();
    }

    int rememberedReservations() {
        return reservations.size();
    }

    @EventSourcingHandler
    void on(StockReceived event) {
        ledgerId = new StockLedgerId(event.productId(), event.warehouseId()).toString();
        onHand += event.quantity();
        requests.remember(event.idempotencyKey(),
                UsedKey.forMovement(Fingerprint.of(event), event.eventId(), event.quantity(), event.timestamp()));
        requests.settled(event.idempotencyKey(), event.timestamp());
        forgetWhatRetentionAllows(event.timestamp());
    }

    @EventSourcingHandler
    void on(StockAdjusted event) {
        onHand += event.quantity();
        requests.remember(event.idempotencyKey(),
                UsedKey.forMovement(Fingerprint.of(event), event.eventId(), event.quantity(), event.timestamp()));
        requests.settled(event.idempotencyKey(), event.timestamp());
        forgetWhatRetentionAllows(event.timestamp());
    }

    @EventSourcingHandler
    void on(ReservationRequested event) {
        reservations.add(new Reservation(event.reservationId(), event.quantity(), event.idempotencyKey(),
                event.ttlSeconds(), event.timestamp(), event.expiresAt(), ReservationStatus.PENDING));
        requests.remember(event.idempotencyKey(), UsedKey.forReservation(Fingerprint.of(event), event.eventId(),
                event.reservationId(), event.quantity(), event.timestamp()));
        forgetWhatRetentionAllows(event.timestamp());
    }

    @EventSourcingHandler
    void on(ReservationConfirmed event) {
        onHand -= event.quantity();
        settle(event.reservationId(), ReservationStatus.CONFIRMED, event.timestamp());
    }

    @EventSourcingHandler
    void on(ReservationReleased event) {
        settle(event.reservationId(), ReservationStatus.RELEASED, event.timestamp());
    }

    @EventSourcingHandler
    void on(ReservationExpired event) {
        settle(event.reservationId(), ReservationStatus.EXPIRED, event.timestamp());
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
