package io.stockledger.eventstore.timestamp;

import com.zaxxer.hikari.HikariDataSource;
import io.stockledger.eventstore.EventStoreConfiguration;
import io.stockledger.eventstore.SerializerConfiguration;
import io.stockledger.events.EventEnvelope;
import io.stockledger.events.StockReceived;
import io.stockledger.testsupport.TestDatabase;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One store read by Axon's own JDBC engine and by {@link ParsedTimestampJdbcEngine}: every tracked event comes out the
 * same (identity, position, timestamp, payload, metadata) with the same token, gaps included, whether the gaps are
 * young enough to fill or too old to, from the start and from a token; and a timestamp stored in another shape than
 * {@code Instant.toString()}'s is read as Axon reads it.
 */
class ParsedTimestampJdbcEngineTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private HikariDataSource pool;
    private JdbcTemplate jdbc;
    private EventStorageEngine axons;
    private EventStorageEngine ours;

    @BeforeEach
    void oneStoreTwoEngines() {
        pool = TestDatabase.createFresh().migratedFor("event-store").pool(2);
        jdbc = new JdbcTemplate(pool);
        axons = builder().build();
        ours = ParsedTimestampJdbcEngine.build(builder(), EventStoreConfiguration.eventSchema());
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void eventsAndTokensAreAxonsWithGapsThatMayStillFill() {
        append(event(0, NOW.minusSeconds(5)), event(1, NOW.minusSeconds(4)));
        burnGlobalIndexes(3);
        append(event(2, NOW.minusSeconds(3)));
        burnGlobalIndexes(1);
        append(event(3, NOW.minusSeconds(2)), event(4, NOW.minusSeconds(1)));

        List<TrackedEventMessage<?>> read = assertBothEnginesReadTheSame(null);

        assertThat(read).hasSize(5);
        assertThat(read.get(4).trackingToken().toString()).as("gaps young enough to fill are kept")
                .contains("gaps=[3, 4, 5, 7]");
    }

    @Test
    void eventsAndTokensAreAxonsWithGapsTooOldToFill() {
        Instant old = NOW.minus(Duration.ofHours(2));
        append(event(0, old));
        burnGlobalIndexes(2);
        append(event(1, old.plusSeconds(1)));
        burnGlobalIndexes(2);
        append(event(2, NOW));

        List<TrackedEventMessage<?>> read = assertBothEnginesReadTheSame(null);

        assertThat(read.get(1).trackingToken().toString()).as("a gap before an old event never fills")
                .contains("gaps=[]");
        assertThat(read.get(2).trackingToken().toString()).contains("gaps=[5, 6]");
    }

    @Test
    void fromATokenInTheMiddleTheRestIsReadAsAxonReadsIt() {
        append(event(0, NOW.minusSeconds(3)));
        burnGlobalIndexes(1);
        append(event(1, NOW.minusSeconds(2)), event(2, NOW.minusSeconds(1)));
        TrackingToken afterFirst = read(axons, null).get(0).trackingToken();
        burnGlobalIndexes(2);
        append(event(3, NOW));

        assertThat(assertBothEnginesReadTheSame(afterFirst)).hasSize(3);
    }

    @Test
    void aTimestampStoredInAnotherShapeIsReadAsAxonReadsIt() {
        append(event(0, NOW.minusSeconds(2)), event(1, NOW.minusSeconds(1)));
        jdbc.update("UPDATE domain_event_entry SET time_stamp = ? WHERE sequence_number = 0",
                "2026-12-07T10:15:30.5+01:00");
        jdbc.update("UPDATE domain_event_entry SET time_stamp = ? WHERE sequence_number = 1",
                "2026-12-07T09:15:30Z");

        List<TrackedEventMessage<?>> read = assertBothEnginesReadTheSame(null);

        assertThat(read.get(0).getTimestamp()).isEqualTo(Instant.parse("2026-12-07T09:15:30.500Z"));
        assertThat(read.get(1).getTimestamp()).isEqualTo(Instant.parse("2026-12-07T09:15:30Z"));
    }

    /** Reads the store from {@code token} with both engines and asserts they agree; returns what was read. */
    private List<TrackedEventMessage<?>> assertBothEnginesReadTheSame(TrackingToken token) {
        List<TrackedEventMessage<?>> expected = read(axons, token);
        List<TrackedEventMessage<?>> actual = read(ours, token);
        assertThat(actual).hasSameSizeAs(expected).isNotEmpty();
        for (int i = 0; i < expected.size(); i++) {
            TrackedEventMessage<?> axon = expected.get(i);
            TrackedEventMessage<?> our = actual.get(i);
            assertThat(our.trackingToken()).as("token of event %d", i).isEqualTo(axon.trackingToken());
            assertThat(our.getIdentifier()).isEqualTo(axon.getIdentifier());
            assertThat(our.getTimestamp()).isEqualTo(axon.getTimestamp());
            assertThat(our.getPayload()).isEqualTo(axon.getPayload());
            assertThat(our.getMetaData()).isEqualTo(axon.getMetaData());
            DomainEventMessage<?> axonDomain = (DomainEventMessage<?>) axon;
            DomainEventMessage<?> ourDomain = (DomainEventMessage<?>) our;
            assertThat(ourDomain.getAggregateIdentifier()).isEqualTo(axonDomain.getAggregateIdentifier());
            assertThat(ourDomain.getSequenceNumber()).isEqualTo(axonDomain.getSequenceNumber());
            assertThat(ourDomain.getType()).isEqualTo(axonDomain.getType());
        }
        return actual;
    }

    private static List<TrackedEventMessage<?>> read(EventStorageEngine engine, TrackingToken token) {
        return engine.readEvents(token, false).<TrackedEventMessage<?>>map(event -> event).toList();
    }

    private void append(DomainEventMessage<?>... events) {
        axons.appendEvents(events);
    }

    /** Takes global indexes that no event will have, as transactions that rolled back do. */
    private void burnGlobalIndexes(int count) {
        for (int i = 0; i < count; i++) {
            jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))",
                    Long.class);
        }
    }

    private final String ledger = UUID.randomUUID() + ":" + UUID.randomUUID();

    private DomainEventMessage<StockReceived> event(long sequence, Instant timestamp) {
        String[] ids = ledger.split(":");
        StockReceived payload = new StockReceived(new EventEnvelope(UUID.randomUUID(), timestamp, "trace",
                UUID.fromString(ids[0]), UUID.fromString(ids[1]), "test"), 10, null, "key-" + sequence);
        return new GenericDomainEventMessage<>("StockLedger", ledger, sequence, payload,
                Map.of("trace_id", "trace-" + sequence), UUID.randomUUID().toString(), timestamp);
    }

    private JdbcEventStorageEngine.Builder builder() {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(pool))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(EventStoreConfiguration.eventSchema())
                .persistenceExceptionResolver(EventStoreConfiguration.duplicateKeyResolver())
                .eventSerializer(SerializerConfiguration.eventJsonSerializer())
                .snapshotSerializer(SerializerConfiguration.jsonSerializer());
    }
}
