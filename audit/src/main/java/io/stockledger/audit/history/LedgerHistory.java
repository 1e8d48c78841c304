package io.stockledger.audit.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.NullNode;
import io.stockledger.events.EventTypes;
import io.stockledger.events.LedgerId;
import io.stockledger.audit.api.FindLedgerHistory;
import io.stockledger.audit.api.LedgerEventView;
import io.stockledger.audit.api.LedgerHistoryPage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A ledger's history read straight from {@code domain_event_entry}, with plain JDBC: no read model in between, so
 * what an auditor sees is what the ledger decided on. Pages follow the ledger's sequence numbers, which the unique
 * {@code (aggregate_identifier, sequence_number)} key makes both fast to seek and immutable.
 */
@Component
class LedgerHistory {

    /**
     * Payloads are shown as stored: decimals keep their scale ({@code 2.50} stays {@code 2.50}), nothing is coerced.
     */
    private static final ObjectMapper STORED_JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    /** payload_type (the event class's name) -> schema id, for the event types this version knows. */
    private static final Map<String, String> SCHEMA_IDS = EventTypes.all().stream()
            .collect(Collectors.toUnmodifiableMap(Class::getName, EventTypes::schemaIdOf));

    private final JdbcTemplate jdbc;

    LedgerHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the ledger has no event at all; a page with no events when none matches the bounds. */
    @QueryHandler
    Optional<LedgerHistoryPage> handle(FindLedgerHistory query) {
        String ledger = LedgerId.format(query.productId(), query.warehouseId());
        List<Object> arguments = new ArrayList<>(List.of(ledger, query.fromSequence()));
        String upTo = "";
        if (query.to() != null) {
            // time_stamp is ISO-8601 text (UTC, milliseconds); compared as an instant, not as a string
            upTo = " AND time_stamp::timestamptz <= ?";
            arguments.add(OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
        }
        arguments.add(query.limit() + 1); // one more than asked: tells whether another page follows
        List<LedgerEventView> events = jdbc.query("""
                        SELECT global_index, sequence_number, payload_type, time_stamp, payload, meta_data
                          FROM domain_event_entry
                         WHERE aggregate_identifier = ? AND sequence_number >= ?%s
                         ORDER BY sequence_number
                         LIMIT ?""".formatted(upTo),
                (row, n) -> eventOf(row), arguments.toArray());
        if (events.isEmpty() && !exists(ledger)) {
            return Optional.empty();
        }
        if (events.size() <= query.limit()) {
            return Optional.of(new LedgerHistoryPage(events, null));
        }
        List<LedgerEventView> page = events.subList(0, query.limit());
        return Optional.of(new LedgerHistoryPage(page, page.getLast().sequenceNumber() + 1));
    }

    private boolean exists(String ledger) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE aggregate_identifier = ?)", Boolean.class,
                ledger));
    }

    private static LedgerEventView eventOf(ResultSet row) throws SQLException {
        String payloadType = row.getString("payload_type");
        JsonNode payload = parse(row.getBytes("payload"));
        JsonNode metaData = parse(row.getBytes("meta_data"));
        return new LedgerEventView(
                row.getLong("sequence_number"),
                row.getLong("global_index"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1),
                SCHEMA_IDS.get(payloadType),
                Instant.parse(row.getString("time_stamp")),
                payload,
                new LedgerEventView.Metadata(text(metaData, "actor"), text(metaData, "trace_id"),
                        text(payload, "idempotency_key"), text(payload, "reason"), text(metaData, "chain_hash")));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static JsonNode parse(byte[] json) throws SQLException {
        if (json == null) {
            return NullNode.getInstance();
        }
        try {
            return STORED_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored event is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SQLException("a stored event cannot be read", e);
        }
    }
}
