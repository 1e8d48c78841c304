package io.stockledger.eventstore.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.eventstore.position.GlobalIndexStamping;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.io.IOException;
import java.sql.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The event storage engine with a hash chain: before the events of an append reach the JDBC engine, each gets the
 * metadata entry {@code chain_hash}, the {@link ChainLink} hash of the event over the hash of the previous event of
 * its ledger. Everything else is the wrapped engine's.
 *
 * <ul>
 *   <li>Several events of one ledger in one append (a command that expires reservations and then reserves, or a unit
 *   of work committing many commands at once) chain to each other in the order given, which is their sequence
 *   order.</li>
 *   <li>The first event of each ledger in an append chains to the stored hash of that ledger's event at sequence
 *   number minus one. That hash is known without a database round trip when this instance itself committed that
 *   event (the last committed hash of up to {@link #rememberedLedgers(long) many} ledgers is kept, added only once its
 *   transaction has committed, and only ever used for exactly the next sequence number, so a rolled-back append or
 *   another instance's event can never be chained to by mistake). Otherwise it is read (for all ledgers of the
 *   append in one statement) in the same database transaction as the insert: so an earlier append of the same
 *   transaction is seen, and so is the winner of a race, whose event the loser's retry chains to, since a retried
 *   command appends again and everything here is computed afresh.</li>
 *   <li>A previous event without a hash is one written before the chain began (V20): the chain then starts from
 *   {@link ChainLink#GENESIS}. A verification tells whether that previous event really is that old.</li>
 *   <li>The payload is hashed as the bytes the engine will store: serialised here once, with the engine's event
 *   serializer, and handed to the engine with the event ({@link ChainedEvent}), so the engine stores exactly the
 *   hashed bytes without serialising the payload again.</li>
 *   <li>Snapshots are not events: stored as they come, unhashed.</li>
 * </ul>
 */
public class HashChainingStorageEngine implements EventStorageEngine {

    /** Heap per remembered ledger: the default ledger cache's share of the heap holds about one quiet ledger in this. */
    static final long HEAP_PER_REMEMBERED_LEDGER = 8 * 1024;
    /** The fewest ledgers remembered, whatever the heap. */
    static final int MIN_REMEMBERED_LEDGERS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(HashChainingStorageEngine.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Ledger -> its last event committed through this engine, with its hash. Read and written on every append:
     * bookkeeping in place (docs/decisions.md, "The ledger cache").
     */
    private final Cache<String, Head> committedHeads = Caffeine.newBuilder()
            .maximumSize(rememberedLedgers(Runtime.getRuntime().maxMemory()))
            .executor(Runnable::run)
            .build();

    private final EventStorageEngine delegate;
    private final Supplier<Serializer> eventSerializer;
    private final Supplier<TransactionManager> transactions;
    private final Supplier<JdbcTemplate> jdbc;

    /** Suppliers, asked once at the first append: the engine is wrapped while Spring still builds these. */
    public HashChainingStorageEngine(EventStorageEngine delegate, Supplier<Serializer> eventSerializer,
                                     Supplier<TransactionManager> transactions, Supplier<JdbcTemplate> jdbc) {
        this.delegate = delegate;
        this.eventSerializer = once(eventSerializer);
        this.transactions = once(transactions);
        this.jdbc = once(jdbc);
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T known = value;
                if (known == null) {
                    known = supplier.get();
                    value = known;
                }
                return known;
            }
        };
    }

    /**
     * How many ledgers' last hashes an instance with this maximum heap keeps: as many as the ledger cache, by default a
     * quarter of the heap, holds of quiet ledgers (about 2 KB each), so that an append to a cached ledger never reads
     * its predecessor's hash from the store (a forgotten one costs a query per append). About 330 bytes each
     * (measured with the service's ledger ids), so at most 4% of the heap, once that many ledgers have been written.
     */
    static long rememberedLedgers(long maxHeapBytes) {
        return Math.max(MIN_REMEMBERED_LEDGERS, maxHeapBytes / HEAP_PER_REMEMBERED_LEDGER);
    }

    public EventStorageEngine delegate() {
        return delegate;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        if (events.isEmpty()) {
            delegate.appendEvents(events);
            return;
        }
        // one transaction for the look-up and the insert (joins the unit of work's, when there is one)
        transactions.get().executeInTransaction(() -> delegate.appendEvents(chained(events)));
    }

    private List<EventMessage<?>> chained(List<? extends EventMessage<?>> events) {
        Map<String, Long> firstSequences = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            Position position = Position.of(event);
            firstSequences.putIfAbsent(position.aggregate(), position.sequence());
        }
        Map<String, Head> heads = storedPredecessors(firstSequences);
        Serializer serializer = eventSerializer.get();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            Position position = Position.of(event);
            Head head = heads.get(position.aggregate());
            String previous;
            if (head != null && head.sequence() == position.sequence() - 1) {
                previous = head.hash();
            } else {
                previous = predecessorOutOfOrder(position);
            }
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            String hash = new ChainLink(previous, position.aggregate(), position.sequence(), event.getIdentifier(),
                    position.type(), payload.getType().getName(), payload.getType().getRevision(),
                    DateTimeUtils.formatInstant(event.getTimestamp()), text(event.getMetaData().get("actor")),
                    text(event.getMetaData().get("trace_id")), payload.getData()).hash();
            chained.add(event instanceof DomainEventMessage<?> domain
                    ? new ChainedEvent<>(domain, hash, serializer, payload)
                    : event.andMetaData(Map.of(ChainLink.METADATA_KEY, hash)));
            heads.put(position.aggregate(), new Head(position.sequence(), hash));
        }
        rememberOnCommit(heads);
        return chained;
    }

    /** Once (and only if) this append's transaction commits, its ledgers' last hashes are known to be stored. */
    private void rememberOnCommit(Map<String, Head> heads) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Map<String, Head> appended = Map.copyOf(heads);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committedHeads.putAll(appended);
            }
        });
    }

    /**
     * The stored hash of the event before each ledger's first event in this append, for those not starting at 0.
     * A ledger whose previous event is missing or carries no hash is left out: its chain starts from genesis.
     */
    private Map<String, Head> storedPredecessors(Map<String, Long> firstSequences) {
        Map<String, Head> heads = new HashMap<>();
        List<String> aggregates = new ArrayList<>();
        List<Long> sequences = new ArrayList<>();
        firstSequences.forEach((aggregate, first) -> {
            if (first > 0) {
                Head committed = committedHeads.getIfPresent(aggregate);
                if (committed != null && committed.sequence() == first - 1) {
                    heads.put(aggregate, committed);
                } else {
                    aggregates.add(aggregate);
                    sequences.add(first - 1);
                }
            }
        });
        if (aggregates.isEmpty()) {
            return heads;
        }
        JdbcTemplate template = jdbc.get();
        template.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT e.aggregate_identifier, e.sequence_number, e.meta_data
                      FROM domain_event_entry e
                      JOIN unnest(?::varchar[], ?::bigint[]) AS wanted(aggregate_identifier, sequence_number)
                        ON e.aggregate_identifier = wanted.aggregate_identifier
                       AND e.sequence_number = wanted.sequence_number""");
            Array ids = connection.createArrayOf("varchar", aggregates.toArray());
            Array numbers = connection.createArrayOf("bigint", sequences.toArray());
            statement.setArray(1, ids);
            statement.setArray(2, numbers);
            return statement;
        }, (RowCallbackHandler) row -> {
            String hash = storedHash(row.getBytes("meta_data"));
            if (hash != null) {
                heads.put(row.getString("aggregate_identifier"), new Head(row.getLong("sequence_number"), hash));
            }
        });
        return heads;
    }

    /** An append whose events of one ledger skip a number: chain to whatever is stored just before, if anything. */
    private String predecessorOutOfOrder(Position position) {
        if (position.sequence() == 0) {
            return ChainLink.GENESIS;
        }
        List<byte[]> stored = jdbc.get().query("""
                        SELECT meta_data FROM domain_event_entry
                         WHERE aggregate_identifier = ? AND sequence_number = ?""",
                (row, n) -> row.getBytes(1), position.aggregate(), position.sequence() - 1);
        String hash = stored.isEmpty() ? null : storedHash(stored.getFirst());
        if (hash == null) {
            log.debug("{} at {} has no chained predecessor; its chain starts from genesis", position.aggregate(),
                    position.sequence());
            return ChainLink.GENESIS;
        }
        return hash;
    }

    static String storedHash(byte[] metaData) {
        if (metaData == null) {
            return null;
        }
        try {
            JsonNode hash = JSON.readTree(metaData).get(ChainLink.METADATA_KEY);
            return hash != null && hash.isTextual() ? hash.asText() : null;
        } catch (IOException unreadable) {
            return null; // the verification reports it; an append must not fail on an old row
        }
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** Where an event goes: its ledger, number and aggregate type (plain events are stored as their own "ledger"). */
    private record Position(String aggregate, long sequence, String type) {

        static Position of(EventMessage<?> event) {
            if (event instanceof DomainEventMessage<?> domain) {
                return new Position(domain.getAggregateIdentifier(), domain.getSequenceNumber(), domain.getType());
            }
            // how the JDBC engine stores an event that belongs to no aggregate
            return new Position(event.getIdentifier(), 0, null);
        }
    }

    /** The latest hash known for a ledger in this append. */
    private record Head(long sequence, String hash) {
    }

    // ---- the rest is the wrapped engine's ----

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        // each event with its own global index: its token's position is not that when it committed late
        return delegate.readEvents(trackingToken, mayBlock).map(new GlobalIndexStamping(trackingToken));
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
