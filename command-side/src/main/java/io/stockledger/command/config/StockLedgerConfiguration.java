package io.stockledger.command.config;

import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.caching.CaffeineAggregateCache;
import io.stockledger.command.caching.EventStoreLedgers;
import io.stockledger.command.dispatch.BatchObserver;
import io.stockledger.command.dispatch.ConcurrencyConflictRetryScheduler;
import io.stockledger.command.dispatch.GroupCommitGateway;
import io.stockledger.command.dispatch.StoredLedgers;
import io.stockledger.command.dispatch.WriteWatchdog;
import io.stockledger.command.fault.CommitStep;
import io.stockledger.command.fault.CommitTrackingTransactionManager;
import io.stockledger.command.routing.ScaleOutEnabled;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import io.stockledger.command.api.LedgerSnapshots;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything the command side needs from Axon, in one place: the ledger cache, when to snapshot, how to retry a
 * lost append race, and that the request registry runs inside the command's own transaction.
 */
@Configuration
@ComponentScan(basePackages = "io.stockledger.command")
public class StockLedgerConfiguration {

    /** The snapshot thread rests this many times as long as each snapshot took: at most a fifth of one core. */
    static final int SNAPSHOT_REST_FACTOR = 4;

    /** Processing group of {@code RequestRegistry}; subscribing, so it shares the command's transaction. */
    public static final String REQUEST_REGISTRY_GROUP = "request-registry";

    /**
     * Axon's transactions on Spring's, knowing when a commit was sent: a connection lost during the commit is an
     * unknown outcome, not a rollback ({@link CommitTrackingTransactionManager}). A test may put a fault into the
     * commit through a {@link CommitStep} bean.
     */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactions,
                                                     ObjectProvider<CommitStep> commitStep) {
        return new CommitTrackingTransactionManager(new SpringTransactionManager(transactions),
                commitStep.getIfAvailable(() -> CommitStep.DIRECT));
    }

    /**
     * Ledgers bounded by their estimated memory, not their number: a catalogue of many quiet SKUs and a flash sale's
     * few heavy ones fit the same heap ({@link LedgerCacheLimit}, {@link LedgerFootprint}).
     */
    @Bean
    public Cache stockLedgerCache(Environment environment) {
        return new CaffeineAggregateCache(LedgerCacheLimit.bytes(environment, Runtime.getRuntime().maxMemory()),
                LedgerFootprint::bytesOf);
    }

    /**
     * Snapshots are taken on their own thread. Axon's default snapshotter runs in the committing command's thread,
     * before the ledger's lock is released, so every Nth command on a busy ledger would also pay for reading the
     * events since the last snapshot and serialising the whole ledger, and the commands queued behind it with it.
     */
    @Bean(destroyMethod = "shutdown")
    public ExecutorService snapshotExecutor() {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledger-snapshotter");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    public SnapshotSizes snapshotSizes(@Value("${ledger.snapshot.every-events:500}") int threshold) {
        return new SnapshotSizes(SnapshotSizes.LEDGERS_REMEMBERED, threshold);
    }

    @Bean
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                           EventStore eventStore,
                                                           TransactionManager transactionManager,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           HandlerDefinition handlerDefinition,
                                                           ExecutorService snapshotExecutor,
                                                           SnapshotSizes snapshotSizes) {
        // the resolver and handler definition let the snapshotter build ledgers whose handlers take Spring beans
        return (SpringAggregateSnapshotter) SizeRecordingSnapshotter.builder(snapshotSizes)
                .repositoryProvider(configuration::repository)
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .executor(new RestingExecutor(snapshotExecutor, SNAPSHOT_REST_FACTOR))
                .build();
    }

    /**
     * Only snapshots of the ledger's current shape are used; an older one (say, from before lots) is skipped and the
     * ledger is rebuilt from its events, which are always complete. The revision lives on the aggregate class.
     */
    @Bean
    public SnapshotFilter stockLedgerSnapshotFilter() {
        return RevisionSnapshotFilter.builder()
                .type("io.stockledger.command.ledger.StockLedger")
                .revision(LedgerSnapshots.REVISION)
                .build();
    }

    /**
     * A snapshot after every N events bounds the replay a cold ledger needs (the cache makes warm ones free); a ledger
     * with a large state waits for as many events as its last snapshot had entries, and at most one snapshot per
     * ledger per interval, so a hot SKU does not keep the snapshot thread rebuilding it back to back.
     */
    @Bean
    public SnapshotTriggerDefinition stockLedgerSnapshotTrigger(
            Snapshotter snapshotter, @Value("${ledger.snapshot.every-events:500}") int threshold,
            @Value("${ledger.snapshot.min-interval:1s}") Duration minInterval, SnapshotSizes snapshotSizes) {
        return new ThrottledSnapshotTriggerDefinition(snapshotter, threshold, minInterval, snapshotSizes);
    }

    /**
     * The retry scheduler owns its executor, deliberately not a bean: a {@code ScheduledExecutorService} bean would
     * become Spring's scheduler for every {@code @Scheduled} task, and a sweep waiting on a command would then block
     * the very thread that must resend that command.
     */
    @Bean(destroyMethod = "close")
    public ConcurrencyConflictRetryScheduler concurrencyConflictRetryScheduler(
            RaceConditionCounter raceConditions, @Value("${ledger.command.max-retries:32}") int maxRetries) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledger-command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return new ConcurrencyConflictRetryScheduler(executor, maxRetries, raceConditions::increment);
    }

    /**
     * Group commit, per ledger and across ledgers: commands for a ledger that queue while it is being written go in
     * together, and at most {@code ledger.command.max-concurrent-writes} transactions are under way at once, the
     * ledgers' writes that queue meanwhile sharing the next one; either way at most {@code ledger.command.max-batch}
     * commands together (1 turns batching off). 0 writers means no limit, and then no sharing across ledgers. Keep
     * the writers below the pool size: the read models, the transfer process and queries need connections too.
     * Orders (commands spanning several ledgers) wait for one of {@code ledger.command.max-concurrent-orders} slots,
     * by default as many as there are writers (0: no limit): each holds a connection while it runs; those that queue
     * meanwhile go in together, up to {@code ledger.command.max-batch} of them. Not with scale-out: there an order runs
     * on the instance its order id hashes to and writes ledgers that other instances own and write too, so a batch
     * over many of them nearly always lost an append race to one (and was then sent again order by order); each order
     * goes alone there, as it did before orders were batched.
     */
    @Bean
    public GroupCommitGateway commandGateway(CommandBus commandBus, ConcurrencyConflictRetryScheduler retries,
                                         @Value("${ledger.command.max-batch:128}") int maxBatch,
                                         @Value("${ledger.command.max-concurrent-writes:4}") int maxWrites,
                                         @Value("${ledger.command.max-concurrent-orders:${ledger.command.max-concurrent-writes:4}}")
                                         int maxOrders,
                                         ObjectProvider<BatchObserver> batchObserver, WriteWatchdog watchdog,
                                         StoredLedgers storedLedgers,
                                         @Value("${ledger.routing.mode:local}") String routing) {
        int writers = maxWrites > 0 ? maxWrites : Integer.MAX_VALUE;
        int orders = maxOrders > 0 ? maxOrders : Integer.MAX_VALUE;
        int ordersPerBatch = ScaleOutEnabled.isOn(routing) ? 1 : maxBatch;
        return new GroupCommitGateway(DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(retries), maxBatch, writers, orders, ordersPerBatch,
                batchObserver.getIfAvailable(() -> BatchObserver.NONE), watchdog,
                storedLedgers);
    }

    /** What tells a refusal decided on a cached ledger behind the store (another instance appended since). */
    @Bean
    public StoredLedgers storedLedgers(JdbcTemplate jdbc, @Qualifier("stockLedgerCache") Cache stockLedgerCache) {
        return new EventStoreLedgers(jdbc, stockLedgerCache);
    }

    /**
     * Axon's own command timeouts are off ({@code axon.timeout.enabled}: each captured a stack trace per command);
     * this watches every write instead.
     */
    @Bean(destroyMethod = "close")
    public WriteWatchdog writeWatchdog(@Value("${ledger.command.write-warning:10s}") Duration warnAfter,
                                       @Value("${ledger.command.write-timeout:60s}") Duration interruptAfter) {
        return new WriteWatchdog(warnAfter, interruptAfter);
    }

    /**
     * Copies who sent a command and its trace id from the command's metadata into the metadata of every event it
     * causes, beside Axon's own message-origin ids (its {@code traceId} and {@code correlationId} are message ids,
     * not our trace).
     */
    @Bean
    public CorrelationDataProvider commandOriginCorrelation() {
        return new SimpleCorrelationDataProvider(CommandOrigin.ACTOR, CommandOrigin.TRACE_ID);
    }

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public ConfigurerModule requestRegistryRunsInTheCommandTransaction() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(REQUEST_REGISTRY_GROUP)
                .assignProcessingGroup(REQUEST_REGISTRY_GROUP, REQUEST_REGISTRY_GROUP)
                .registerListenerInvocationErrorHandler(REQUEST_REGISTRY_GROUP,
                        config -> PropagatingErrorHandler.instance()));
    }
}
