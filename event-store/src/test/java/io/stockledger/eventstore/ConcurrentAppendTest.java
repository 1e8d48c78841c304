package io.stockledger.eventstore;

import com.zaxxer.hikari.HikariDataSource;
import io.stockledger.eventstore.EventStoreConfiguration;
import io.stockledger.eventstore.SerializerConfiguration;
import io.stockledger.testsupport.TestDatabase;
import io.stockledger.events.EventEnvelope;
import io.stockledger.events.StockReceived;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two independent Axon configurations, each with its own connection pool (as two JVMs would have), append to the
 * same ledger in the same PostgreSQL database. The second append of a sequence number must surface as Axon's
 * ConcurrencyException, which the command gateway retries, and the first append must survive untouched.
 */
class ConcurrentAppendTest {

    private HikariDataSource firstPool;
    private HikariDataSource secondPool;
    private Configuration first;
    private Configuration second;

    @BeforeEach
    void twoConfigurationsOnOneDatabase() {
        TestDatabase database = TestDatabase.createFresh().migratedFor("event-store");
        firstPool = database.pool(2);
        secondPool = database.pool(2);
        first = axonOn(firstPool);
        second = axonOn(secondPool);
    }

    @AfterEach
    void shutDown() {
        first.shutdown();
        second.shutdown();
        firstPool.close();
        secondPool.close();
    }

    @Test
    void theSecondAppendOfASequenceNumberIsAConcurrencyConflictAndTheFirstSurvives() {
        String ledger = newLedgerId();
        first.eventStore().publish(receipt(ledger, 0, 10));
        first.eventStore().publish(receipt(ledger, 1, 20));

        assertSecondWriterConflicts(receipt(ledger, 1, 99));

        assertThat(quantitiesOf(ledger)).containsExactly(10, 20);
    }

    @Test
    void twoWritersOpeningTheSameLedgerConflictOnItsFirstEvent() {
        String ledger = newLedgerId();
        first.eventStore().publish(receipt(ledger, 0, 10));

        // Axon names a clash on sequence 0 differently; the command gateway retries both
        assertThatThrownBy(() -> second.eventStore().publish(receipt(ledger, 0, 99)))
                .isInstanceOf(AggregateStreamCreationException.class);

        assertThat(quantitiesOf(ledger)).containsExactly(10);
    }

    @Test
    void theLoserAppendsFineOnceItHasSeenTheWinnersEvent() {
        String ledger = newLedgerId();
        first.eventStore().publish(receipt(ledger, 0, 10));
        first.eventStore().publish(receipt(ledger, 1, 10));
        assertSecondWriterConflicts(receipt(ledger, 1, 5));

        long next = second.eventStore().lastSequenceNumberFor(ledger).orElseThrow() + 1;
        second.eventStore().publish(receipt(ledger, next, 5));

        assertThat(quantitiesOf(ledger)).containsExactly(10, 10, 5);
    }

    /** A ledger of the test's own, keyed as the service keys a product in a warehouse. */
    private static String newLedgerId() {
        return UUID.randomUUID() + ":" + UUID.randomUUID();
    }

    /** The second writer appends an event at a sequence number the first writer has already taken: a conflict. */
    private void assertSecondWriterConflicts(GenericDomainEventMessage<StockReceived> event) {
        assertThatThrownBy(() -> second.eventStore().publish(event)).isInstanceOf(ConcurrencyException.class);
    }

    private List<Integer> quantitiesOf(String ledger) {
        return first.eventStore().readEvents(ledger).asStream()
                .map(event -> ((StockReceived) event.getPayload()).quantity()).toList();
    }

    private static GenericDomainEventMessage<StockReceived> receipt(String ledger, long sequence, int quantity) {
        String[] ids = ledger.split(":");
        return new GenericDomainEventMessage<>("StockLedger", ledger, sequence,
                new StockReceived(new EventEnvelope(UUID.randomUUID(), Instant.now(), "trace", UUID.fromString(ids[0]),
                        UUID.fromString(ids[1]), "test"), quantity, null, "key-" + UUID.randomUUID()));
    }

    private static Configuration axonOn(HikariDataSource pool) {
        Configuration configuration = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(config -> JdbcEventStorageEngine.builder()
                        .connectionProvider(new DataSourceConnectionProvider(pool))
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .schema(EventStoreConfiguration.eventSchema())
                        .persistenceExceptionResolver(EventStoreConfiguration.duplicateKeyResolver())
                        .eventSerializer(SerializerConfiguration.jsonSerializer())
                        .snapshotSerializer(SerializerConfiguration.jsonSerializer())
                        .build())
                .buildConfiguration();
        configuration.start();
        return configuration;
    }
}
