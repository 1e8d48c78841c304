package io.stockledger.api.ledger;

import io.stockledger.api.tracing.CommandObservation;
import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ConfirmOrder;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.InsufficientStockException;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.LotNotFoundException;
import io.stockledger.command.api.LotState;
import io.stockledger.command.api.MovementOutcome;
import io.stockledger.command.api.OrderLocator;
import io.stockledger.command.api.OrderNotFoundException;
import io.stockledger.command.api.OrderOutcome;
import io.stockledger.command.api.PickingPolicy;
import io.stockledger.command.api.QuarantineLot;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReleaseLotFromQuarantine;
import io.stockledger.command.api.ReleaseOrder;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReservationLocator;
import io.stockledger.command.api.ReservationNotFoundException;
import io.stockledger.command.api.ReservationNotPendingException;
import io.stockledger.command.api.ReservationOutcome;
import io.stockledger.command.api.ReservationStatus;
import io.stockledger.command.api.ReserveOrder;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.SetPickingPolicy;
import io.stockledger.command.api.ShipTransfer;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.api.StockLedgerNotFoundException;
import io.stockledger.command.api.TransferOutcome;
import io.stockledger.command.dispatch.CommandTicket;
import io.stockledger.command.fault.DatabaseFaults;
import io.stockledger.command.fault.LedgerFault;
import io.stockledger.command.fault.LedgerFaultException;
import io.stockledger.query.api.FindOrderReservations;
import io.stockledger.query.api.FindReservation;
import io.stockledger.query.api.ReservationView;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The REST layer's way into the command side: admits a command (or sheds it when the service is at its limit), sends
 * it with the request's deadline, waits for its outcome no longer than that, and turns what Axon reports into the
 * ledger's own refusals, or into a fault a client can act on (docs/reliability.md): unavailable (nothing was written,
 * retry later) or outcome unknown (retry with the same idempotency key).
 */
@Component
public class Ledger {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReservationLocator reservations;
    private final OrderLocator orders;
    private final CommandObservation observation;
    private final LedgerAdmission admission;
    private final Duration timeout;

    public Ledger(CommandGateway commands, QueryGateway queries, ReservationLocator reservations,
                  OrderLocator orders, CommandObservation observation, LedgerAdmission admission,
                  @Value("${ledger.command.timeout:10s}") Duration timeout) {
        this.commands = commands;
        this.admission = admission;
        this.queries = queries;
        this.reservations = reservations;
        this.orders = orders;
        this.observation = observation;
        this.timeout = timeout;
    }

    public MovementOutcome receive(ReceiveStock command, CommandOrigin origin) throws LedgerRefusal {
        return send(command, origin, missing -> new IllegalStateException("receiving creates the ledger", missing));
    }

    /** Reserving on a SKU that never received anything is simply a lack of stock. */
    public ReservationOutcome reserve(ReserveStock command, CommandOrigin origin) throws LedgerRefusal {
        return send(command, origin, missing -> new InsufficientStockException(command.quantity(), 0));
    }

    public MovementOutcome adjust(AdjustStock command, CommandOrigin origin) throws LedgerRefusal {
        return send(command, origin, missing -> new StockLedgerNotFoundException(command.ledgerId()));
    }

    public LotState quarantine(QuarantineLot command, CommandOrigin origin) throws LedgerRefusal {
        return send(command, origin, missing -> new LotNotFoundException(command.batchNumber()));
    }

    public LotState releaseFromQuarantine(ReleaseLotFromQuarantine command, CommandOrigin origin)
            throws LedgerRefusal {
        return send(command, origin, missing -> new LotNotFoundException(command.batchNumber()));
    }

    public PickingPolicy setPickingPolicy(SetPickingPolicy command, CommandOrigin origin) throws LedgerRefusal {
        return send(command, origin, missing -> new IllegalStateException("setting a policy creates the ledger",
                missing));
    }

    /** Shipping from a warehouse that never received the product is simply a lack of stock there. */
    public TransferOutcome ship(ShipTransfer command, CommandOrigin origin) throws LedgerRefusal {
        return send(command, origin, missing -> new InsufficientStockException(command.quantity(), 0));
    }

    public ReservationOutcome confirm(UUID reservationId, CommandOrigin origin) throws LedgerRefusal {
        return settle(reservationId, ledgerId -> new ConfirmReservation(ledgerId, reservationId),
                ReservationStatus.CONFIRMED, "confirm", origin);
    }

    public ReservationOutcome release(UUID reservationId, CommandOrigin origin) throws LedgerRefusal {
        return settle(reservationId, ledgerId -> new ReleaseReservation(ledgerId, reservationId),
                ReservationStatus.RELEASED, "release", origin);
    }

    /** An order is reserved on several ledgers at once; a ledger that does not exist simply has nothing to give. */
    public OrderOutcome reserveOrder(ReserveOrder command, CommandOrigin origin) throws LedgerRefusal {
        return send(command, origin, missing -> new IllegalStateException("the order desk skips missing ledgers",
                missing));
    }

    public OrderOutcome confirmOrder(String orderId, CommandOrigin origin) throws LedgerRefusal {
        return send(new ConfirmOrder(orderId), origin, missing -> OrderNotFoundException.order(orderId));
    }

    public OrderOutcome releaseOrder(ReleaseOrder command, CommandOrigin origin) throws LedgerRefusal {
        return send(command, origin, missing -> OrderNotFoundException.order(command.orderId()));
    }

    /**
     * An order as reserved (known the instant reserve returned), with each reservation's status from the read
     * model; a reservation the read model has not seen yet is as reserved: pending.
     */
    public Optional<OrderOutcome> findOrder(String orderId) {
        return orders.asReserved(orderId).map(order -> {
            Map<UUID, ReservationStatus> statuses = new HashMap<>();
            askAll(new FindOrderReservations(orderId), ReservationView.class)
                    .forEach(view -> statuses.put(view.reservationId(), ReservationStatus.valueOf(view.status())));
            List<OrderOutcome.Line> lines = order.lines().stream().map(line -> new OrderOutcome.Line(line.lineId(),
                    line.productId(), line.quantity(), line.allocations().stream().map(allocation ->
                            allocation.withStatus(statuses.getOrDefault(allocation.reservationId(),
                                    allocation.status()))).toList())).toList();
            return new OrderOutcome(order.orderId(), order.createdAt(), order.expiresAt(), lines, false);
        });
    }

    /**
     * Confirms or releases a reservation on the ledger the registry says holds it; a repeat after the ledger forgot
     * the reservation is answered from the read model.
     */
    private ReservationOutcome settle(UUID reservationId, Function<StockLedgerId, Object> command,
                                      ReservationStatus repeatable, String attempted, CommandOrigin origin)
            throws LedgerRefusal {
        StockLedgerId ledgerId = locate(reservationId);
        try {
            return send(command.apply(ledgerId), origin, missing -> new ReservationNotFoundException(reservationId));
        } catch (ReservationNotFoundException forgotten) {
            return settledLongAgo(reservationId, repeatable, attempted, forgotten);
        }
    }

    private StockLedgerId locate(UUID reservationId) throws ReservationNotFoundException {
        return reservations.ledgerOf(reservationId)
                .orElseThrow(() -> new ReservationNotFoundException(reservationId));
    }

    /**
     * The registry knows the reservation but its ledger no longer remembers it: it settled longer ago than the
     * ledger's memory window. The read model still has its final status, which answers the repeat.
     */
    private ReservationOutcome settledLongAgo(UUID reservationId, ReservationStatus repeatable, String attempted,
                                              ReservationNotFoundException forgotten) throws LedgerRefusal {
        ReservationView view = findReservation(reservationId).orElseThrow(() -> forgotten);
        ReservationStatus status = ReservationStatus.valueOf(view.status());
        if (status != repeatable && !(repeatable == ReservationStatus.RELEASED && status == ReservationStatus.EXPIRED)) {
            throw new ReservationNotPendingException(reservationId, status, attempted);
        }
        return new ReservationOutcome(reservationId, new StockLedgerId(view.productId(), view.warehouseId()), status,
                view.quantity(), view.createdAt(), view.expiresAt(), true);
    }

    public Optional<ReservationView> findReservation(UUID reservationId) {
        return ask(new FindReservation(reservationId), ReservationView.class);
    }

    /** A query answered with a list. */
    public <V> List<V> askAll(Object query, Class<V> viewType) {
        return answerOf(queries.query(query, ResponseTypes.multipleInstancesOf(viewType)));
    }

    public <V> Optional<V> ask(Object query, Class<V> viewType) {
        return answerOf(queries.query(query, ResponseTypes.optionalInstanceOf(viewType)));
    }

    /** A query's answer within the timeout; a query that fails or takes longer leaves the ledger unavailable. */
    private <A> A answerOf(CompletableFuture<A> answer) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while querying", e);
        } catch (ExecutionException e) {
            throw queryFailed(e.getCause());
        } catch (TimeoutException e) {
            throw new LedgerUnavailableException("the read models did not answer within " + timeout, e);
        }
    }

    /** In a {@code ledger.command} span, whose trace context the command and its events carry. */
    private <R> R send(Object command, CommandOrigin origin, Function<AggregateNotFoundException, ?> whenMissing)
            throws LedgerRefusal {
        return observation.observe(command, origin, metaData -> sendAndWait(command, metaData, whenMissing));
    }

    /**
     * Admitted, or refused at once when the service is at its limit; then sent with the deadline the command timeout
     * sets, and waited for no longer than that, wherever the command waits. A caller that gives up has its command
     * dropped unwritten if no transaction has taken it yet (503 unavailable), else its outcome is unknown to it.
     */
    private <R> R sendAndWait(Object command, MetaData metaData, Function<AggregateNotFoundException, ?> whenMissing)
            throws LedgerRefusal {
        CommandTicket<R> ticket = CommandTicket.until(System.nanoTime() + timeout.toNanos());
        LedgerAdmission.Permit permit = admission.admit();
        // the place is given back when the command leaves the gateway, answered or dropped, not when the caller
        // stops waiting: the queues never hold more than the limit
        ticket.answer().whenComplete((result, failure) -> permit.release());
        try {
            commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData), ticket);
        } catch (RuntimeException notSent) {
            ticket.answer().completeExceptionally(notSent);
        }
        try {
            return ticket.answer().get(Math.max(0, ticket.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw gaveUp(ticket, "interrupted while waiting for the ledger", e);
        } catch (TimeoutException e) {
            throw gaveUp(ticket, "the ledger did not answer within " + timeout, e);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), whenMissing);
        }
    }

    private static LedgerFaultException gaveUp(CommandTicket<?> ticket, String why, Exception cause) {
        if (ticket.abandon()) {
            return new LedgerUnavailableException(CommandTicket.DEADLINE_EXCEEDED,
                    why + "; the command was not written", cause);
        }
        return new LedgerFaultException(LedgerFault.OUTCOME_UNKNOWN, CommandTicket.DEADLINE_EXCEEDED,
                why + " while the command was being written", cause);
    }

    /** A query's failure: the database out of reach is a 503; anything else is what it is. */
    private static RuntimeException queryFailed(Throwable failure) {
        if (DatabaseFaults.isUnavailable(failure)) {
            return new LedgerUnavailableException("the read models could not be read: " + failure.getMessage(),
                    failure);
        }
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("query failed: " + failure, failure);
    }

    private static RuntimeException translate(Throwable failure, Function<AggregateNotFoundException, ?> whenMissing)
            throws LedgerRefusal {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LedgerRefusal refusal) {
                throw refusal;
            }
            if (cause instanceof LedgerFaultException fault) {
                return fault;
            }
        }
        // a database fault first: a lost connection during an append is reported as an append failure, and a
        // lost commit may wrap anything
        Optional<LedgerFault> fault = DatabaseFaults.classify(failure);
        if (fault.isPresent()) {
            return fault.get() == LedgerFault.OUTCOME_UNKNOWN
                    ? new LedgerFaultException(LedgerFault.OUTCOME_UNKNOWN, "COMMIT_INTERRUPTED",
                    "the connection to the database was lost while the command was committing", failure)
                    : new LedgerUnavailableException("the database could not be reached: " + failure.getMessage(),
                    failure);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                // every retry lost its race to another instance: nothing was written, the client may retry
                return new LedgerUnavailableException(LedgerUnavailableException.CONTENDED,
                        "the ledger is too busy on another instance; retry", cause);
            }
            if (cause instanceof AggregateNotFoundException missing) {
                Object translated = whenMissing.apply(missing);
                if (translated instanceof LedgerRefusal refusal) {
                    throw refusal;
                }
                return (RuntimeException) translated;
            }
        }
        return failure instanceof RuntimeException runtime ? runtime
                : new IllegalStateException("command failed: " + failure, failure);
    }
}
