package io.stockledger.eventstore;

import io.stockledger.eventstore.chain.HashChainConfiguration;
import io.stockledger.eventstore.timestamp.ParsedTimestampJdbcEngine;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The event store as the service uses it: Axon's JDBC storage (events, snapshots, tokens, sagas, dead letters) bound
 * to the tables Flyway creates in {@code db/migration/event-store/V1__axon_event_store.sql} (Axon's own defaults are
 * camelCase names it would create itself), JSON serializers, and the hash chain around the storage engine.
 */
@Configuration(proxyBeanMethods = false)
@Import({SerializerConfiguration.class, HashChainConfiguration.class})
public class EventStoreConfiguration {

    /** PostgreSQL's unique_violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    /** PostgreSQL's deadlock_detected. */
    public static final String DEADLOCK_DETECTED = "40P01";

    public static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    public static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Tells Axon which failed appends were lost to another writer of the same ledgers, so that they are retried on a
     * fresh load (a {@code ConcurrencyException}) rather than reported as a fault:
     * <ul>
     *     <li>a duplicate (aggregate, sequence): SQL state 23505. The JDBC engine's default resolver reads vendor error
     *     codes, which PostgreSQL leaves at 0;</li>
     *     <li>a deadlock on the store's unique key (40P01): two transactions appending to the same two ledgers in
     *     opposite orders, each waiting for the other's uncommitted sequence number. It happens with scale-out, where
     *     an order's unit of work writes ledgers that their owners write at the same time (seen in
     *     {@code ScaleOutTest}'s orders, answered 503 before). PostgreSQL rolls the loser back, so nothing of it was
     *     written, exactly as when it meets the other's committed row.</li>
     * </ul>
     */
    public static PersistenceExceptionResolver duplicateKeyResolver() {
        PersistenceExceptionResolver duplicate = new SQLStateResolver(UNIQUE_VIOLATION);
        PersistenceExceptionResolver deadlock = new SQLStateResolver(DEADLOCK_DETECTED);
        return failure -> duplicate.isDuplicateKeyViolation(failure) || deadlock.isDuplicateKeyViolation(failure);
    }

    /**
     * Axon's JDBC engine as its Spring Boot auto-configuration builds it (the same serializers, upcasters, snapshot
     * filter, resolver, connections, transactions and schema), reading each event's timestamp once
     * ({@link ParsedTimestampJdbcEngine}). Defining it keeps Axon's own from being built; the hash chain wraps it.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 org.axonframework.config.Configuration axon,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventSchema eventSchema) {
        return ParsedTimestampJdbcEngine.build(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager), eventSchema);
    }

    @Bean
    public EventSchema ledgerEventSchema() {
        return eventSchema();
    }

    @Bean
    public TokenSchema ledgerTokenSchema() {
        return tokenSchema();
    }

    @Bean
    public PersistenceExceptionResolver ledgerPersistenceExceptionResolver() {
        return duplicateKeyResolver();
    }

    @Bean
    public SagaSqlSchema ledgerSagaSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
    }

    @Bean
    public DeadLetterSchema ledgerDeadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
