package io.stockledger.audit.store;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;

/**
 * A scope's events read from the store's rows the way the storage engine reads them for the event processors: through
 * the event serializer and the upcaster chain Axon's configuration gives the storage engine. So an audit fold sees an
 * old event revision exactly as the live projections see it after upcasting, never its raw JSON. The rows still come
 * through {@link ScopedEvents}' cursor, on the caller's connection (and so in its transaction and snapshot), and
 * nothing but the event being looked at is held.
 */
@Component
public class StoredEvents {

    private static final String COLUMNS = """
            global_index, type, aggregate_identifier, sequence_number, event_identifier, time_stamp, payload_type,
            payload_revision, payload, meta_data""";

    private final Serializer eventSerializer;
    private final ObjectProvider<Configuration> axon;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnlyTransaction;
    private volatile EventUpcaster upcasters;

    StoredEvents(@Qualifier("eventSerializer") Serializer eventSerializer, ObjectProvider<Configuration> axon,
                 JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.eventSerializer = eventSerializer;
        // asked for at first use: Axon's configuration is built after the beans it is made of
        this.axon = axon;
        this.jdbc = jdbc;
        this.readOnlyTransaction = new TransactionTemplate(transactions);
        this.readOnlyTransaction.setReadOnly(true);
    }

    /**
     * Runs {@code work} on a connection in a read-only transaction of its own, which is what a cursor needs, for a
     * reader that has neither (the job passes open their own repeatable-read connection instead).
     */
    public <T> T inReadOnlyTransaction(ConnectionCallback<T> work) {
        return readOnlyTransaction.execute(status -> jdbc.execute(work));
    }

    /** The scope's events in ledger-then-sequence order. Close the stream to close the cursor. */
    public Stream<StoredEvent> read(Connection connection, ScopedEvents events) throws SQLException {
        Stream<ResultSet> rows = events.rows(connection, COLUMNS);
        return EventUtils.upcastAndDeserializeTrackedEvents(rows.map(StoredEvents::entryOf), eventSerializer,
                        upcasters())
                .map(StoredEvent::new)
                .onClose(rows::close);
    }

    /** The scope's events, handed to {@code ledgers} one ledger at a time. */
    public void forEachLedger(Connection connection, ScopedEvents events, PerLedger<StoredEvent> ledgers)
            throws SQLException {
        try (Stream<StoredEvent> stored = read(connection, events)) {
            ScopedEvents.inLedgers(stored.iterator(), StoredEvent::aggregateIdentifier, ledgers);
        }
    }

    private EventUpcaster upcasters() {
        EventUpcaster chain = upcasters;
        if (chain == null) {
            chain = axon.getObject().upcasterChain();
            upcasters = chain;
        }
        return chain;
    }

    /** The row as the storage engine hands it to the upcasters: every column read before the cursor moves on. */
    private static TrackedEventData<byte[]> entryOf(ResultSet row) {
        try {
            return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(row.getLong("global_index")),
                    new GenericDomainEventEntry<>(row.getString("type"), row.getString("aggregate_identifier"),
                            row.getLong("sequence_number"), row.getString("event_identifier"),
                            row.getString("time_stamp"), row.getString("payload_type"),
                            row.getString("payload_revision"), row.getBytes("payload"), row.getBytes("meta_data")));
        } catch (SQLException e) {
            throw new UncategorizedSQLException("reading a stored event", null, e);
        }
    }
}
