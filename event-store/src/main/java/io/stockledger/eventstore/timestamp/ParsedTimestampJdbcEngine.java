package io.stockledger.eventstore.timestamp;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC event storage engine, reading each tracked event's stored timestamp once and without
 * {@code DateTimeFormatter} ({@link UtcInstants}; another shape is parsed as Axon parses it).
 *
 * <p>Why: every processor that follows the store (the read models, the relay, the audit jobs, a rebuild) reads each
 * event through {@link #getTrackedEventData}, where Axon parses the stored text to decide whether a gap before the
 * event may still fill, and the message built from the entry parses it again for its handlers. In a rebuild that was
 * 6% of the JVM's CPU. The token is advanced exactly as Axon's engine does ({@code ParsedTimestampJdbcEngineTest}
 * reads one store with both and compares).
 */
public final class ParsedTimestampJdbcEngine extends JdbcEventStorageEngine {

    /** Axon's defaults, set on the builder too, so that Axon's cleaning of gaps and this engine's reading agree. */
    static final int MAX_GAP_OFFSET = 10_000;
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private final EventSchema schema;

    private ParsedTimestampJdbcEngine(Builder builder, EventSchema schema) {
        super(builder);
        this.schema = schema;
    }

    /** The engine the builder describes, with this engine's gap settings. */
    public static ParsedTimestampJdbcEngine build(Builder builder, EventSchema schema) {
        return new ParsedTimestampJdbcEngine(builder.schema(schema)
                .maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS), schema);
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        long globalIndex = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        String storedTimestamp = resultSet.getString(schema.timestampColumn());
        Instant timestamp = parse(storedTimestamp);
        ParsedTimestampEntry<?> event = new ParsedTimestampEntry<>(
                resultSet.getString(schema.typeColumn()),
                // an event that is not a domain event is stored with its own identifier as the aggregate's (Axon)
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier, storedTimestamp, timestamp,
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        // a gap before an event younger than the gap timeout may still fill (a transaction that took its index earlier
        // and has not committed yet); before an older one it never will
        boolean gapsMayFill = timestamp.isAfter(
                GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MILLIS));
        GapAwareTrackingToken token = previousToken == null
                ? GapAwareTrackingToken.newInstance(globalIndex, gapsMayFill ? indexesBefore(globalIndex)
                        : Collections.emptySortedSet())
                : previousToken.advanceTo(globalIndex, gapsMayFill ? MAX_GAP_OFFSET : 0);
        return new TrackedDomainEventData<>(token, event);
    }

    private static SortedSet<Long> indexesBefore(long globalIndex) {
        return LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalIndex), globalIndex).boxed()
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Instant parse(String storedTimestamp) {
        Instant instant = UtcInstants.parse(storedTimestamp);
        return instant != null ? instant : DateTimeUtils.parseInstant(storedTimestamp);
    }
}
