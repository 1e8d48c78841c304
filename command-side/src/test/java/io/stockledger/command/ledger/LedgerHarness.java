package io.stockledger.command.ledger;

import io.stockledger.command.api.LedgerRefusal;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One ledger, handled the way Axon's repository hands a (cached) aggregate to a command: the annotated command
 * handlers with MetaData and the clock injected, {@code apply} running the event sourcing handlers at once and
 * publishing to an event bus, which records every event. Outside a unit of work events are published immediately, so
 * the events applied before a refusal are kept, as they are when Axon commits a unit of work that ended in a checked
 * exception. The property tests drive it with thousands of commands, which the aggregate test fixture cannot do.
 */
final class LedgerHarness {

    /** What one command did: its result or its refusal, and the payloads of the events it applied. */
    record Outcome(Object result, LedgerRefusal refusal, List<Object> events) {
    }

    private final AggregateModel<StockLedger> model;
    private final EventSourcedAggregate<StockLedger> aggregate;
    private final List<EventMessage<?>> published = new ArrayList<>();
    private final MetaData origin;

    /** {@code origin} is the metadata (actor, trace id) of the commands {@link #handle(Object)} sends. */
    LedgerHarness(Clock clock, MetaData origin) {
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(StockLedger.class),
                new SimpleResourceParameterResolverFactory(List.of(clock)));
        this.model = AnnotatedAggregateMetaModelFactory.inspectAggregate(StockLedger.class, resolvers);
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(published::addAll);
        this.aggregate = EventSourcedAggregate.initialize(new StockLedger(), model, bus,
                NoSnapshotTriggerDefinition.TRIGGER);
        this.origin = origin;
    }

    /** The command as sent by this harness's origin. */
    Outcome handle(Object command) {
        return handle(GenericCommandMessage.asCommandMessage(command).andMetaData(origin));
    }

    Outcome handle(CommandMessage<?> command) {
        int before = published.size();
        Object result = null;
        LedgerRefusal refusal = null;
        try {
            result = inAUnitOfWork(aggregate, command);
        } catch (LedgerRefusal e) {
            refusal = e;
        } catch (Exception e) {
            throw new AssertionError("the ledger failed on " + command.getPayload() + " (not a refusal)", e);
        }
        List<Object> events = published.subList(before, published.size()).stream()
                .<Object>map(EventMessage::getPayload).toList();
        return new Outcome(result, refusal, events);
    }

    StockLedger root() {
        return aggregate.getAggregateRoot();
    }

    /**
     * Handles the command in a unit of work, as Axon's command bus does (the ledger's command handler interceptor
     * needs one): committed after a checked exception (a refusal), as the bus's default rollback rule does, so the
     * events applied before a refusal are published as they are in the service.
     */
    static Object inAUnitOfWork(Aggregate<StockLedger> aggregate, CommandMessage<?> command) throws Exception {
        ResultMessage<?> answer = DefaultUnitOfWork.startAndGet(command).executeWithResult(
                () -> aggregate.handle(command), RollbackConfigurationType.UNCHECKED_EXCEPTIONS);
        if (answer.isExceptional()) {
            Throwable failure = answer.exceptionResult();
            if (failure instanceof Error error) {
                throw error;
            }
            throw (Exception) failure;
        }
        return answer.getPayload();
    }

    /** A fresh ledger sourced from every event written so far. */
    StockLedger replay() {
        List<GenericDomainEventMessage<?>> stream = new ArrayList<>();
        for (EventMessage<?> event : published) {
            stream.add(new GenericDomainEventMessage<>("StockLedger", aggregate.identifierAsString(), stream.size(),
                    event.getPayload()));
        }
        EventSourcedAggregate<StockLedger> cold = EventSourcedAggregate.initialize(new StockLedger(), model, null,
                NoSnapshotTriggerDefinition.TRIGGER);
        cold.initializeState(DomainEventStream.of(stream));
        return cold.getAggregateRoot();
    }
}
