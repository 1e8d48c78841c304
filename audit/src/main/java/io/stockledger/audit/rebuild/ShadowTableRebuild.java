package io.stockledger.audit.rebuild;

import io.stockledger.audit.api.ReadModelRebuild;
import io.stockledger.audit.api.ReplayProgress;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.MultiEventHandlerInvoker;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The read-model rebuild ({@link ReadModelRebuild}), into shadow tables, so that the service answers from the current
 * tables, which the {@code read-models} processor keeps following, until the rebuilt ones have caught up:
 *
 * <ol>
 *   <li><b>PREPARING</b>: empty copies of the read-model tables ({@link #TABLES}) in the schema
 *   {@value ShadowTables#SCHEMA}, with their keys and unique indexes ({@link ShadowTables}).</li>
 *   <li><b>REPLAYING</b>: every event, from the first, read through the storage engine (upcast and gap-aware, as the
 *   processor reads them) and handed to the very event handlers of the {@code read-models} processor, a chunk per
 *   transaction whose {@code search_path} is the shadow schema alone: the projections' unqualified SQL writes into the
 *   copies. A projection writing a table missing from {@link #TABLES} fails the rebuild (its table does not exist on
 *   that path) instead of writing into a live table. The chunks grow with the tables, and the next chunk is read
 *   while the current one is written.</li>
 *   <li><b>INDEXING</b>: the copies get the live tables' other indexes, storage settings, grants and statistics;
 *   then the events that arrived meanwhile are replayed.</li>
 *   <li><b>SWITCHING</b>, in one transaction: lock the processor's token rows (every segment, on every instance:
 *   its batches take that row before writing and wait meanwhile), replay the events that arrived since, put the
 *   copies in the live tables' place ({@link LiveTableSwitch}: swapped, or their rows copied), and set the
 *   processor's tokens to where the replay stopped. Workers that were waiting re-apply their batch over the new
 *   rows, which the projections' idempotence (last sequence, journal position) makes harmless. The
 *   {@code nats-relay} processor and its token are never touched.</li>
 *   <li>The shadow schema is dropped, also after a failure, which leaves the live tables as they were.</li>
 * </ol>
 */
@Component
class ShadowTableRebuild implements ReadModelRebuild {

    /**
     * Every table the {@code read-models} projections write. A projection that writes another table must be added
     * here; until it is, a rebuild fails with "relation ... does not exist" rather than rebuild part of the models.
     */
    static final List<String> TABLES = List.of("stock_balance", "reservation", "stock_movement", "stock_lot",
            "stock_transfer");
    /**
     * The tables whose rows the projections look up while replaying (to update or read them), so whose statements
     * are planned by their statistics. The journal is only ever inserted into, and it is the largest: counting it
     * again as the replay grows would be most of the counting, for no plan.
     */
    static final List<String> LOOKED_UP = List.of("stock_balance", "reservation", "stock_lot", "stock_transfer");
    /**
     * Events per transaction while replaying: as many as have been replayed so far, from {@value #FIRST_CHUNK} up to
     * {@value #LARGEST_CHUNK}. The projections write a row once per chunk however many of the chunk's events change
     * it, so large chunks write fewer rows; growing them with the tables keeps each chunk planned on statistics
     * taken when the tables were at least half their size after it.
     */
    static final int FIRST_CHUNK = 1_000;
    static final int LARGEST_CHUNK = 16_000;

    private static final Logger log = LoggerFactory.getLogger(ShadowTableRebuild.class);

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Serializer tokenSerializer;
    private final TokenSchema tokenSchema;

    ShadowTableRebuild(EventProcessingConfiguration processing, EventStorageEngine storage, JdbcTemplate jdbc,
                       PlatformTransactionManager transactions, Serializer tokenSerializer, TokenSchema tokenSchema) {
        this.processing = processing;
        this.storage = storage;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.tokenSerializer = tokenSerializer;
        this.tokenSchema = tokenSchema;
    }

    @Override
    public void run(ReplayProgress progress) {
        progress.phase("PREPARING");
        List<EventMessageHandler> handlers = readModelHandlers();
        String live = jdbc.queryForObject("SELECT current_schema()", String.class);
        String searchPath = jdbc.queryForObject("SELECT current_setting('search_path')", String.class);
        ShadowTables shadows = new ShadowTables(jdbc, live, TABLES);
        LiveTableSwitch tableSwitch = new LiveTableSwitch(jdbc, shadows, live, TABLES);
        Replay replay = new Replay(handlers, searchPath, shadows, progress);
        try {
            shadows.create();
            progress.total(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class));
            progress.phase("REPLAYING");
            long replaying = System.nanoTime();
            replay.untilCaughtUp();
            progress.phase("INDEXING");
            long indexing = System.nanoTime();
            shadows.complete();
            replay.untilCaughtUp(); // what arrived while the indexes were built, so the switch has little left
            progress.phase("SWITCHING");
            long switching = System.nanoTime();
            transaction.executeWithoutResult(status -> {
                lockTokens();
                replay.remainderInCurrentTransaction();
                LiveTableSwitch.Outcome outcome = tableSwitch.replaceLiveTables(status);
                long ledgers = jdbc.queryForObject("SELECT count(*) FROM " + shadows.liveTable("stock_balance"),
                        Long.class);
                writeTokens(replay.position);
                progress.advanced(replay.events, ledgers, replay.globalIndex());
                progress.tablesSwitched(outcome.method().name(), outcome.reason());
                // an operator sizing the next rebuild wants to know which phase took the time, and a copy's reason
                log.info("read models rebuilt from {} events: {} ledgers, tokens at {}; replayed in {} ms, indexed "
                                + "in {} ms, switched in {} ms, {}{}", replay.events, ledgers, replay.position,
                        (indexing - replaying) / 1_000_000, (switching - indexing) / 1_000_000,
                        (System.nanoTime() - switching) / 1_000_000, outcome.method(),
                        outcome.reason() == null ? "" : " (" + outcome.reason() + ")");
            });
        } finally {
            try {
                shadows.drop();
            } catch (RuntimeException e) {
                log.warn("could not drop the rebuild's shadow schema {}: {}", ShadowTables.SCHEMA, e.toString());
            }
        }
    }

    /** The event handlers of the {@code read-models} processor: the same objects its own threads call. */
    private List<EventMessageHandler> readModelHandlers() {
        EventHandlerInvoker invoker = processing.eventProcessor(ReadModelConfiguration.READ_MODELS)
                .filter(AbstractEventProcessor.class::isInstance)
                .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker())
                .orElseThrow(() -> new IllegalStateException("no " + ReadModelConfiguration.READ_MODELS
                        + " processor to rebuild"));
        List<EventMessageHandler> handlers = new ArrayList<>();
        collect(invoker, handlers);
        if (handlers.isEmpty()) {
            throw new IllegalStateException("the " + ReadModelConfiguration.READ_MODELS + " processor has no handlers");
        }
        return handlers;
    }

    private static void collect(EventHandlerInvoker invoker, List<EventMessageHandler> handlers) {
        if (invoker instanceof MultiEventHandlerInvoker multi) {
            multi.delegates().forEach(delegate -> collect(delegate, handlers));
        } else if (invoker instanceof SimpleEventHandlerInvoker simple) {
            handlers.addAll(simple.eventHandlers());
        } else {
            throw new IllegalStateException("cannot replay through a " + invoker.getClass().getName());
        }
    }

    /** Every segment's token row of the read-models processor, locked until the switch commits. */
    private void lockTokens() {
        jdbc.query("SELECT " + tokenSchema.segmentColumn() + " FROM " + tokenSchema.tokenTable() + " WHERE "
                        + tokenSchema.processorNameColumn() + " = ? ORDER BY " + tokenSchema.segmentColumn()
                        + " FOR UPDATE", (row, n) -> row.getInt(1), ReadModelConfiguration.READ_MODELS);
    }

    /** Every segment continues from where the replay stopped (the owner, if any, keeps its claim). */
    private void writeTokens(TrackingToken position) {
        if (position == null) {
            return; // an empty store: the processor's own tokens are as good
        }
        SerializedObject<byte[]> token = tokenSerializer.serialize(position, byte[].class);
        jdbc.update("UPDATE " + tokenSchema.tokenTable() + " SET " + tokenSchema.tokenColumn() + " = ?, "
                        + tokenSchema.tokenTypeColumn() + " = ?, " + tokenSchema.timestampColumn() + " = ? WHERE "
                        + tokenSchema.processorNameColumn() + " = ?", token.getData(), token.getType().getName(),
                DateTimeUtils.formatInstant(Instant.now()), ReadModelConfiguration.READ_MODELS);
    }

    /** Where the replay is, and how it applies a chunk of events to the shadow tables. */
    private final class Replay {

        private final List<EventMessageHandler> handlers;
        private final String liveSearchPath;
        private final ShadowTables shadows;
        private final ReplayProgress progress;
        private TrackingToken position;
        private long events;

        Replay(List<EventMessageHandler> handlers, String liveSearchPath, ShadowTables shadows,
               ReplayProgress progress) {
            this.handlers = handlers;
            this.liveSearchPath = liveSearchPath;
            this.shadows = shadows;
            this.progress = progress;
        }

        /**
         * Replays chunk after chunk until the store has nothing newer, each in a transaction of its own. While a chunk
         * is written, the next one is read and deserialised on another thread: reading is the rebuild's work in the
         * JVM, writing is PostgreSQL's, and this way the two overlap instead of taking turns.
         */
        void untilCaughtUp() {
            try (ExecutorService reader = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().name("read-model-rebuild-reader").factory())) {
                Future<List<TrackedEventMessage<?>>> next = reader.submit(() -> chunkAfter(position, events));
                while (true) {
                    List<TrackedEventMessage<?>> chunk = awaitChunk(next);
                    if (chunk.isEmpty()) {
                        return;
                    }
                    TrackingToken end = chunk.getLast().trackingToken();
                    long replayed = events + chunk.size();
                    next = reader.submit(() -> chunkAfter(end, replayed));
                    try {
                        transaction.executeWithoutResult(status -> apply(chunk));
                    } catch (RuntimeException e) {
                        next.cancel(true);
                        throw e;
                    }
                    advance(chunk, true);
                }
            }
        }

        /**
         * Replays what arrived since, in the current transaction (the switch's, which holds the processor's tokens,
         * so nothing newer can be missed), one chunk after the other.
         */
        void remainderInCurrentTransaction() {
            while (true) {
                List<TrackedEventMessage<?>> chunk = chunkAfter(position, events);
                if (chunk.isEmpty()) {
                    return;
                }
                apply(chunk);
                advance(chunk, false);
            }
        }

        private void advance(List<TrackedEventMessage<?>> chunk, boolean mayAnalyze) {
            position = chunk.getLast().trackingToken();
            long before = events;
            events += chunk.size();
            if (mayAnalyze && Long.highestOneBit(events) > Long.highestOneBit(before)) {
                analyzeLookedUpTables();
            }
            progress.advanced(events, 0, globalIndex());
        }

        private static List<TrackedEventMessage<?>> awaitChunk(Future<List<TrackedEventMessage<?>>> chunk) {
            try {
                return chunk.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the store", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure
                        : new IllegalStateException("reading the store failed", e.getCause());
            }
        }

        /**
         * The shadow tables start empty, and PostgreSQL plans their statements by what it last counted in them: with
         * no statistics yet, an update by primary key on a table that has since grown to thousands of rows was
         * planned as a scan of the whole table, for every event. So each time the replay has doubled, the tables
         * are counted again (a few dozen times at most, however long the store).
         */
        private void analyzeLookedUpTables() {
            shadows.analyze(LOOKED_UP);
        }

        Long globalIndex() {
            return position == null || position.position().isEmpty() ? null : position.position().getAsLong();
        }

        /**
         * The events after {@code after}, as many as {@code replayed} (those replayed before them), from
         * {@value #FIRST_CHUNK} to {@value #LARGEST_CHUNK}; read on the live search path, with their payloads
         * deserialised.
         */
        private List<TrackedEventMessage<?>> chunkAfter(TrackingToken after, long replayed) {
            int size = (int) Math.clamp(replayed, FIRST_CHUNK, LARGEST_CHUNK);
            List<TrackedEventMessage<?>> chunk = new ArrayList<>(size);
            try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(after, false)) {
                Iterator<? extends TrackedEventMessage<?>> stored = stream.iterator();
                while (chunk.size() < size && stored.hasNext()) {
                    TrackedEventMessage<?> event = stored.next();
                    event.getPayload();
                    chunk.add(event);
                }
            }
            return chunk;
        }

        /**
         * Applies the chunk on the shadow search path, then restores the live one (still needed in the switch's
         * transaction, which goes on to read events and copy tables). A failure aborts the transaction, and its
         * rollback restores the search path.
         */
        private void apply(List<TrackedEventMessage<?>> chunk) {
            jdbc.queryForObject("SELECT set_config('search_path', ?, true)", String.class, ShadowTables.SCHEMA);
            // one unit of work for the whole chunk, as the processors have one per batch: the projections write
            // their rows once per chunk (a balance once per SKU, the other rows as JDBC batches) instead of per event
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(chunk);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                TrackedEventMessage<?> event = unitOfWork.getMessage();
                for (EventMessageHandler handler : handlers) {
                    handler.handle(event);
                }
                return null;
            });
            if (result.isExceptional()) {
                throw new IllegalStateException("replaying events after " + position + " failed: "
                        + result.exceptionResult().getMessage(), result.exceptionResult());
            }
            jdbc.queryForObject("SELECT set_config('search_path', ?, true)", String.class, liveSearchPath);
        }
    }
}
