package io.stockledger.command.ledger;

import io.stockledger.command.api.ConfirmOrder;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.OrderExistsException;
import io.stockledger.command.api.OrderLineRequest;
import io.stockledger.command.api.OrderNotFoundException;
import io.stockledger.command.api.OrderOutcome;
import io.stockledger.command.api.OrderRefusal;
import io.stockledger.command.api.OrderShortageException;
import io.stockledger.command.api.ReleaseOrder;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReservationNotPendingException;
import io.stockledger.command.api.ReservationOutcome;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.command.api.ReserveOrder;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.SeveralLedgersCommand;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.TimeOrderedIds;
import io.stockledger.command.dispatch.StoredLedgers;
import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.OrderBatch;
import io.stockledger.command.order.OrderBook;
import io.stockledger.command.order.OrderFingerprint;
import io.stockledger.command.order.OrderSourcing;
import io.stockledger.command.order.RecordedOrder;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reserves, confirms and releases whole orders: several ledgers decided in one unit of work and one database
 * transaction. Each line's reservation is an ordinary reservation, decided by its ledger's own handler with all its
 * guards; the desk only chooses where each line is taken from ({@link OrderSourcing}, on trials of the ledgers'
 * current stock) and makes the result all or nothing.
 *
 * <p>Every ledger the order may touch is loaded first, in one fixed order ({@link StockLedgerId#compareTo}), and stays
 * locked until the unit of work ends: two orders sharing SKUs, or an order and a group-committed batch, never wait for
 * each other in a circle, and the stock the sourcing saw is the stock the ledgers then reserve from. A ledger that
 * refuses after all rolls everything back ({@link OrderRefusal}): no line of a refused order is ever stored. A refused
 * order writes nothing either: the sourcing decides before any ledger applies anything.
 *
 * <p>The order's own record ({@link OrderBook}) is written in the same transaction as its reservations, and its
 * lines' reservations are in the request registry like any other, so confirming the order, or one of its
 * reservations by id, works on any instance the instant the reserve call has returned.
 */
@Component
class OrderDesk {

    private final Repository<StockLedger> ledgers;
    private final OrderBook book;
    private final StoredLedgers store;

    OrderDesk(@Qualifier("stockLedgerRepository") Repository<StockLedger> ledgers, OrderBook book,
              StoredLedgers store) {
        this.ledgers = ledgers;
        this.book = book;
        this.store = store;
    }

    @CommandHandler
    OrderOutcome handle(ReserveOrder order, MetaData metaData, Clock clock) throws LedgerRefusal {
        return onCurrentLedgers(loading -> reserve(order, metaData, clock, loading, book::find));
    }

    /**
     * Group commit for orders: the orders that queued while the order slots were busy, decided in one unit of work
     * ({@link OrderBatch}). The order book is read once for all of them ({@link BatchOrders}), and the ledgers of all
     * of them are loaded first, in the one fixed order, so that the batch
     * never waits in a circle with another batch or a ledger's writer; then each order is decided by its own handler
     * above, in arrival order and with its own metadata, as if it had come alone. An order's clean refusal (nothing
     * applied) is its answer; one refused after applying part of itself ({@link OrderRefusal}) fails the batch, and
     * the dispatcher sends the orders one by one. A refusal decided on a cached ledger behind the store turns the
     * batch into a lost race, as for an order alone.
     */
    @CommandHandler
    List<BatchMemberOutcome> handle(OrderBatch batch, Clock clock) {
        BatchOrders orders = new BatchOrders(book, batch.members().stream()
                .map(member -> ((SeveralLedgersCommand) member.getPayload()).orderId()).toList());
        LoadedLedgers loading = new LoadedLedgers();
        loading.inOrder(ledgersOf(batch, orders));
        List<BatchMemberOutcome> outcomes = new ArrayList<>(batch.size());
        Set<StockLedgerId> readByRefusals = new TreeSet<>();
        for (CommandMessage<?> member : batch.members()) {
            Set<StockLedgerId> read = loading.startReading();
            try {
                outcomes.add(BatchMemberOutcome.answered(AsBatchMember.run(member,
                        () -> decideOrder(member.getPayload(), member.getMetaData(), clock, loading, orders))));
            } catch (LedgerRefusal refusal) {
                outcomes.add(BatchMemberOutcome.refused(refusal));
                readByRefusals.addAll(read);
            }
            orders.decided(((SeveralLedgersCommand) member.getPayload()).orderId());
        }
        // only the refused orders' ledgers: an order that appended was checked by the store's unique key
        failIfAnyBehind(loading, readByRefusals);
        return outcomes;
    }

    private OrderOutcome decideOrder(Object order, MetaData metaData, Clock clock, LoadedLedgers loading,
                                     BatchOrders orders) throws LedgerRefusal {
        return switch (order) {
            case ReserveOrder reserve -> reserve(reserve, metaData, clock, loading, orders::find);
            case ConfirmOrder confirm -> confirm(recorded(confirm.orderId(), orders::find), metaData, clock, loading);
            case ReleaseOrder release -> release(recorded(release.orderId(), orders::find), release.lineId(),
                    metaData, clock, loading);
            default -> throw new IllegalArgumentException("not an order command: " + order);
        };
    }

    /**
     * Every ledger the batch's orders may touch: a reserve's possible sources, and the ledgers of the orders to
     * confirm or release as the book has them (an order reserved earlier in the same batch is not in the book yet,
     * but its ledgers are among its reserve's).
     */
    private Set<StockLedgerId> ledgersOf(OrderBatch batch, BatchOrders orders) {
        Set<StockLedgerId> ledgers = new TreeSet<>();
        for (CommandMessage<?> member : batch.members()) {
            switch (member.getPayload()) {
                case ReserveOrder reserve -> ledgers.addAll(ledgersMaybeTouched(reserve));
                case ConfirmOrder confirm -> orders.find(confirm.orderId()).ifPresent(o -> ledgers.addAll(o.ledgers()));
                case ReleaseOrder release -> orders.find(release.orderId()).ifPresent(o -> ledgers.addAll(o.ledgers()));
                default -> throw new IllegalArgumentException("not an order command: " + member.getPayload());
            }
        }
        return ledgers;
    }

    /** @param find looks an order up in the book (or in what a batch read of it) */
    private OrderOutcome reserve(ReserveOrder order, MetaData metaData, Clock clock, LoadedLedgers loading,
                                 Function<String, Optional<RecordedOrder>> find) throws LedgerRefusal {
        String fingerprint = OrderFingerprint.of(order);
        Optional<RecordedOrder> recorded = find.apply(order.orderId());
        if (recorded.isPresent()) {
            return repeated(recorded.get(), order, fingerprint);
        }
        Instant now = clock.instant();
        Map<StockLedgerId, Aggregate<StockLedger>> loaded = loading.inOrder(ledgersMaybeTouched(order));
        OrderSourcing.Plan plan = OrderSourcing.plan(demands(order, now), order.warehouseIds(), order.sourcing(),
                () -> trials(loaded, now));
        if (!plan.isFeasible()) {
            throw new OrderShortageException(plan.shortages());
        }

        List<ReservationOutcome> reservations = new ArrayList<>();
        List<OrderOutcome.Line> lines = reserve(order, plan, loaded, metaData, reservations);
        // the ledgers read the clock for each reservation: the order is as old as its first, and expires with its first
        RecordedOrder reserved = new RecordedOrder(order.orderId(), order.idempotencyKey(), fingerprint,
                reservations.stream().map(ReservationOutcome::createdAt).min(Instant::compareTo).orElse(now),
                reservations.stream().map(ReservationOutcome::expiresAt).min(Instant::compareTo).orElseThrow(),
                lines);
        book.record(reserved);
        return reserved.asFirstAnswered();
    }

    /**
     * Confirms every reservation of the order, or none: a line released on its own before stays released (the
     * customer removed it); anything else a ledger refuses (a reservation expired, a held lot blocked) refuses the
     * whole confirmation and undoes the lines confirmed before it.
     */
    @CommandHandler
    OrderOutcome handle(ConfirmOrder confirm, MetaData metaData, Clock clock) throws LedgerRefusal {
        return onCurrentLedgers(loading -> confirm(recorded(confirm.orderId()), metaData, clock, loading));
    }

    private OrderOutcome confirm(RecordedOrder order, MetaData metaData, Clock clock, LoadedLedgers loading)
            throws LedgerRefusal {
        Map<StockLedgerId, Aggregate<StockLedger>> loaded = loading.inOrder(order.ledgers());
        Instant now = clock.instant();
        List<Located> toConfirm = reservationsOf(order, null).stream()
                .filter(reservation -> statusOf(reservation, loaded, now) != ReservationStatus.RELEASED).toList();
        if (toConfirm.isEmpty()) {
            Located first = reservationsOf(order, null).getFirst();
            throw new ReservationNotPendingException(first.id(), ReservationStatus.RELEASED, "confirm");
        }
        Map<UUID, ReservationOutcome> confirmed = new HashMap<>();
        for (Located reservation : toConfirm) {
            try {
                confirmed.put(reservation.id(), decide(loaded.get(reservation.ledgerId()),
                        new ConfirmReservation(reservation.ledgerId(), reservation.id()), metaData));
            } catch (LedgerRefusal refusal) {
                throw new OrderRefusal(refusal); // every line confirmed, or none
            }
        }
        return answer(order, confirmed, loaded, now);
    }

    /**
     * Releases what is still pending (of the whole order, or of one line); what was confirmed meanwhile (by
     * reservation id) stays confirmed. Refused, as releasing a confirmed reservation is, when part of the selection
     * is confirmed and nothing was pending: there was nothing left to cancel.
     */
    @CommandHandler
    OrderOutcome handle(ReleaseOrder release, MetaData metaData, Clock clock) throws LedgerRefusal {
        return onCurrentLedgers(loading -> release(recorded(release.orderId()), release.lineId(), metaData, clock,
                loading));
    }

    private OrderOutcome release(RecordedOrder order, String lineId, MetaData metaData, Clock clock,
                                 LoadedLedgers loading) throws LedgerRefusal {
        List<Located> selected = reservationsOf(order, lineId);
        if (selected.isEmpty()) {
            throw OrderNotFoundException.line(order.orderId(), lineId);
        }
        Map<StockLedgerId, Aggregate<StockLedger>> loaded = loading.inOrder(order.ledgers());
        Map<UUID, ReservationOutcome> released = new HashMap<>();
        ReservationNotPendingException confirmedAlready = null;
        for (Located reservation : selected) {
            try {
                released.put(reservation.id(), decide(loaded.get(reservation.ledgerId()),
                        new ReleaseReservation(reservation.ledgerId(), reservation.id()), metaData));
            } catch (ReservationNotPendingException confirmed) {
                confirmedAlready = confirmedAlready == null ? confirmed : confirmedAlready;
            }
        }
        boolean releasedNow = released.values().stream().anyMatch(answer -> !answer.replayed());
        if (confirmedAlready != null && !releasedNow) {
            throw confirmedAlready;
        }
        return answer(order, released, loaded, clock.instant());
    }

    /** The order as the book recorded it when it was reserved; confirming or releasing one never made is refused. */
    private RecordedOrder recorded(String orderId) throws OrderNotFoundException {
        return recorded(orderId, book::find);
    }

    private static RecordedOrder recorded(String orderId, Function<String, Optional<RecordedOrder>> find)
            throws OrderNotFoundException {
        return find.apply(orderId).orElseThrow(() -> OrderNotFoundException.order(orderId));
    }

    private static OrderOutcome repeated(RecordedOrder recorded, ReserveOrder order, String fingerprint)
            throws LedgerRefusal {
        if (!recorded.idempotencyKey().equals(order.idempotencyKey())) {
            throw new OrderExistsException(order.orderId());
        }
        if (!recorded.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException(order.idempotencyKey(), "first used for order "
                    + order.orderId() + " with other lines or settings");
        }
        return recorded.asFirstAnswered().asReplayed();
    }

    /** Every ledger a line may be taken from: its own warehouse, or any of the order's. */
    private static Set<StockLedgerId> ledgersMaybeTouched(ReserveOrder order) {
        Set<StockLedgerId> ledgers = new TreeSet<>();
        for (OrderLineRequest line : order.lines()) {
            Collection<UUID> from = line.warehouseId() != null ? List.of(line.warehouseId()) : order.warehouseIds();
            from.forEach(warehouse -> ledgers.add(new StockLedgerId(line.productId(), warehouse)));
        }
        return ledgers;
    }

    /**
     * Decides the order, and before a refusal is answered makes sure no ledger it read was a cached copy behind the
     * store: an order often runs on an instance that does not own its SKUs (scale-out routes it by order id), and a
     * refusal appends nothing, so no unique key would catch the stale copy. If one was behind, the refusal is turned
     * into a lost race: the unit of work rolls back, the stale copies are dropped, and the gateway's retry decides
     * the order again on fresh loads. A refusal on current ledgers stands; the check costs one query over the
     * ledgers read, and only when the order is refused.
     */
    private OrderOutcome onCurrentLedgers(Decision decision) throws LedgerRefusal {
        LoadedLedgers loading = new LoadedLedgers();
        Set<StockLedgerId> read = loading.startReading();
        try {
            return decision.decide(loading);
        } catch (LedgerRefusal | OrderRefusal refusal) {
            failIfAnyBehind(loading, read);
            throw refusal;
        }
    }

    /**
     * A refusal must not stand on a cached ledger behind the store: the ledgers are dropped and decided again. The
     * ledgers the refusals read are checked in one query.
     */
    private void failIfAnyBehind(LoadedLedgers loading, Set<StockLedgerId> readByRefusals) {
        if (readByRefusals.isEmpty()) {
            return;
        }
        List<String> behind = loading.behind(store, readByRefusals);
        if (!behind.isEmpty()) {
            behind.forEach(store::evict);
            throw new ConcurrencyException("the order was decided on cached ledgers behind the store " + behind
                    + "; it is decided again on fresh loads");
        }
    }

    @FunctionalInterface
    private interface Decision {
        OrderOutcome decide(LoadedLedgers loading) throws LedgerRefusal;
    }

    /** The ledgers an order's decision loaded, with the version each was at when it was loaded. */
    private final class LoadedLedgers {

        private final Map<StockLedgerId, Long> versionsAtLoad = new TreeMap<>();
        private Set<StockLedgerId> reading = new TreeSet<>();

        /** From now on, the ledgers a decision asks for are added to the set returned (one per decision). */
        Set<StockLedgerId> startReading() {
            reading = new TreeSet<>();
            return reading;
        }

        /** Loads (and so locks until the unit of work ends) the existing ones among the ledgers, in the fixed order. */
        Map<StockLedgerId, Aggregate<StockLedger>> inOrder(Set<StockLedgerId> wanted) {
            Map<StockLedgerId, Aggregate<StockLedger>> loaded = new TreeMap<>();
            reading.addAll(wanted);
            for (StockLedgerId ledgerId : wanted) {
                try {
                    Aggregate<StockLedger> ledger = ledgers.load(ledgerId.toString());
                    loaded.put(ledgerId, ledger);
                    // the version it was first loaded at: an order earlier in the batch may have appended since
                    versionsAtLoad.putIfAbsent(ledgerId, ledger.version() == null ? -1 : ledger.version());
                } catch (AggregateNotFoundException neverReceivedAnything) {
                    // nothing to reserve there
                }
            }
            return loaded;
        }

        /** Those of the ledgers, among the loaded ones, whose stored last sequence is past the version loaded. */
        List<String> behind(StoredLedgers store, Set<StockLedgerId> among) {
            List<StockLedgerId> loaded = among.stream().filter(versionsAtLoad::containsKey).toList();
            Map<String, Long> stored = store.lastSequences(loaded.stream().map(StockLedgerId::toString).toList());
            return loaded.stream()
                    .filter(ledger -> stored.getOrDefault(ledger.toString(), -1L) > versionsAtLoad.get(ledger))
                    .map(StockLedgerId::toString)
                    .toList();
        }
    }

    private static List<OrderSourcing.Demand> demands(ReserveOrder order, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return order.lines().stream().map(line -> new OrderSourcing.Demand(line.lineId(), line.productId(),
                line.quantity(), line.warehouseId(), line.minShelfLifeDays() != null
                        ? today.plusDays(line.minShelfLifeDays()) : line.minExpiryDate())).toList();
    }

    private static OrderSourcing.Trials trials(Map<StockLedgerId, Aggregate<StockLedger>> loaded, Instant now) {
        Map<StockLedgerId, OrderSourcing.Stock> tried = new HashMap<>();
        return ledgerId -> tried.computeIfAbsent(ledgerId, id -> loaded.containsKey(id)
                ? loaded.get(id).invoke(ledger -> ledger.trialAt(now)) : LedgerTrial.NONE);
    }

    /** Each allocation becomes an ordinary reservation on its ledger, decided by the ledger itself. */
    private List<OrderOutcome.Line> reserve(ReserveOrder order, OrderSourcing.Plan plan,
                                            Map<StockLedgerId, Aggregate<StockLedger>> loaded, MetaData metaData,
                                            List<ReservationOutcome> reservations) {
        Map<String, List<OrderOutcome.Allocation>> byLine = new LinkedHashMap<>();
        order.lines().forEach(line -> byLine.put(line.lineId(), new ArrayList<>()));
        Map<String, OrderLineRequest> lines = new HashMap<>();
        order.lines().forEach(line -> lines.put(line.lineId(), line));
        for (OrderSourcing.Allocation allocation : plan.allocations()) {
            OrderLineRequest line = lines.get(allocation.lineId());
            ReserveStock reserve = new ReserveStock(allocation.ledgerId(), TimeOrderedIds.next(), allocation.quantity(),
                    order.ttl(), lineKey(order, allocation), line.minExpiryDate(), line.minShelfLifeDays(),
                    order.orderId(), line.lineId());
            ReservationOutcome reserved;
            try {
                reserved = decide(loaded.get(allocation.ledgerId()), reserve, metaData);
            } catch (LedgerRefusal refusal) {
                throw new OrderRefusal(refusal); // the trial said yes; whatever changed, nothing of the order stays
            }
            reservations.add(reserved);
            byLine.get(line.lineId()).add(new OrderOutcome.Allocation(allocation.ledgerId().warehouseId(),
                    reserved.reservationId(), reserved.quantity(), reserved.lots(), ReservationStatus.PENDING));
        }
        return order.lines().stream().map(line -> new OrderOutcome.Line(line.lineId(), line.productId(),
                line.quantity(), byLine.get(line.lineId()))).toList();
    }

    /**
     * The idempotency key of a line's reservation on one ledger: derived from the order's, so it is single-use like
     * every key, and the same for the same line and warehouse.
     */
    private static String lineKey(ReserveOrder order, OrderSourcing.Allocation allocation) {
        String name = order.orderId() + '\n' + allocation.lineId() + '\n' + allocation.ledgerId();
        return "order-line-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The ledger's own handler decides, with the order command's metadata (its actor and trace). */
    private static ReservationOutcome decide(Aggregate<StockLedger> ledger, Object command, MetaData metaData)
            throws LedgerRefusal {
        try {
            return (ReservationOutcome) ledger.handle(new GenericCommandMessage<>(command, metaData));
        } catch (LedgerRefusal | RuntimeException passOn) {
            throw passOn;
        } catch (Exception unexpected) {
            throw new IllegalStateException(unexpected);
        }
    }

    private record Located(StockLedgerId ledgerId, UUID id) {
    }

    /** The order's reservations (or one line's), with their ledgers. */
    private static List<Located> reservationsOf(RecordedOrder order, String lineId) {
        List<Located> located = new ArrayList<>();
        for (OrderOutcome.Line line : order.lines()) {
            if (lineId == null || lineId.equals(line.lineId())) {
                line.allocations().forEach(allocation -> located.add(new Located(
                        new StockLedgerId(line.productId(), allocation.warehouseId()), allocation.reservationId())));
            }
        }
        return located;
    }

    private static ReservationStatus statusOf(Located reservation, Map<StockLedgerId, Aggregate<StockLedger>> loaded,
                                              Instant now) {
        return loaded.get(reservation.ledgerId()).invoke(ledger -> ledger.statusAt(reservation.id(), now))
                .orElse(null);
    }

    /**
     * The order with the statuses the ledgers just answered, and for reservations not asked about (other lines) what
     * their ledgers hold; replayed when none of the answers wrote anything.
     */
    private static OrderOutcome answer(RecordedOrder order, Map<UUID, ReservationOutcome> answered,
                                       Map<StockLedgerId, Aggregate<StockLedger>> loaded, Instant now) {
        boolean replayed = answered.values().stream().allMatch(ReservationOutcome::replayed);
        return order.with((productId, allocation) -> {
            ReservationOutcome asked = answered.get(allocation.reservationId());
            if (asked != null) {
                return allocation.withStatus(asked.status());
            }
            Aggregate<StockLedger> ledger = loaded.get(new StockLedgerId(productId, allocation.warehouseId()));
            return ledger.invoke(held -> held.statusAt(allocation.reservationId(), now))
                    .map(allocation::withStatus).orElse(allocation);
        }, replayed);
    }
}
