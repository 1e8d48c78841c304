package io.stockledger.query;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LedgerId;
import io.stockledger.query.config.ReadModelConfiguration;
import io.stockledger.testsupport.TestDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The query side's projections, as the service runs them, on a fresh PostgreSQL database created with the query
 * side's own migrations: events go in as the {@code read-models} processor hands them over (tracked domain event
 * messages with their sequence number and global position, a batch per unit of work and database transaction), and
 * the tests read the tables. Nothing is mocked: the SQL, the batching of writes and the sequence guards are real.
 *
 * <p>A test class holds one in a static {@code @RegisterExtension} field, which closes it after the class.
 */
public final class ReadModels implements AutoCloseable, AfterAllCallback {

    private final HikariDataSource dataSource;
    private final AnnotationConfigApplicationContext context;
    private final List<EventMessageHandler> handlers = new ArrayList<>();
    private final TransactionTemplate transaction;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private long nextPosition = 1;

    public final JdbcTemplate jdbc;
    public final MeterRegistry meters = new SimpleMeterRegistry();

    private ReadModels(Clock clock) {
        dataSource = TestDatabase.createFresh().migratedFor("query-side").pool(4);
        jdbc = new JdbcTemplate(dataSource);
        PlatformTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        transaction = new TransactionTemplate(transactions);

        context = new AnnotationConfigApplicationContext();
        context.registerBean(JdbcTemplate.class, () -> jdbc);
        context.registerBean(NamedParameterJdbcTemplate.class, () -> new NamedParameterJdbcTemplate(jdbc));
        context.registerBean(PlatformTransactionManager.class, () -> transactions);
        context.registerBean(Clock.class, () -> clock);
        context.registerBean(MeterRegistry.class, () -> meters);
        context.register(ReadModelConfiguration.class);
        context.refresh();
        context.getBeansWithAnnotation(ProcessingGroup.class).values()
                .forEach(projection -> handlers.add(new AnnotationEventHandlerAdapter(projection)));
    }

    public static ReadModels onFreshDatabase(Clock clock) {
        return new ReadModels(clock);
    }

    /** A bean of the query side (a query handler, say), as the service would inject it. */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Applies the events as one batch of the processor: each ledger's events get the next sequence numbers of
     * that ledger, every event the next global position. Returns the messages, to deliver again if a test wants.
     */
    public List<EventMessage<?>> apply(LedgerEvent... events) {
        List<EventMessage<?>> messages = messages(events);
        deliver(messages);
        return messages;
    }

    /**
     * The events as the processor would receive them after those applied so far, without delivering them: for a
     * test that delivers them in batches of its own.
     */
    public List<EventMessage<?>> messages(LedgerEvent... events) {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (LedgerEvent event : events) {
            String ledger = LedgerId.of(event).toString();
            long sequence = nextSequence.merge(ledger, 1L, Long::sum) - 1;
            GenericDomainEventMessage<LedgerEvent> domain = new GenericDomainEventMessage<>("StockLedger", ledger,
                    sequence, event);
            messages.add(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(nextPosition++),
                    domain));
        }
        return messages;
    }

    /** Delivers messages (new or already delivered) as one batch, in one database transaction. */
    public void deliver(List<EventMessage<?>> messages) {
        transaction.executeWithoutResult(status -> {
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
            try {
                unitOfWork.executeWithResult(() -> {
                    EventMessage<?> message = unitOfWork.getMessage();
                    for (EventMessageHandler handler : handlers) {
                        if (handler.canHandle(message)) {
                            handler.handle(message);
                        }
                    }
                    return null;
                }, RollbackConfigurationType.ANY_THROWABLE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (unitOfWork.getExecutionResult() != null && unitOfWork.getExecutionResult().isExceptionResult()) {
                throw new IllegalStateException(unitOfWork.getExecutionResult().getExceptionResult());
            }
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        context.close();
        dataSource.close();
    }
}
