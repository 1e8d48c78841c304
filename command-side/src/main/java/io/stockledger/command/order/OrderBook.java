package io.stockledger.command.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.stockledger.command.api.IdempotencyKeyReusedException;
import io.stockledger.command.api.OrderLocator;
import io.stockledger.command.api.OrderOutcome;
import io.stockledger.command.api.OrderRefusal;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every order ever reserved, written in the same transaction as its reservations ({@code ledger_order}): what each
 * line was allocated to, so that confirm and release by order id work the instant reserve has returned, on any
 * instance, and the request's idempotency key and fingerprint, so that a retry gets the first answer. An order id is
 * single-use: the table keeps every order forever, as {@code ledger_request} keeps every key.
 */
@Component
public class OrderBook implements OrderLocator {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<OrderOutcome.Line>> LINES = new TypeReference<>() {
    };

    private static final String SELECT = """
            SELECT order_id, idempotency_key, fingerprint, created_at, expires_at, lines::text
              FROM ledger_order\s""";

    private final JdbcTemplate jdbc;

    OrderBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<OrderOutcome> asReserved(String orderId) {
        return find(orderId).map(RecordedOrder::asFirstAnswered);
    }

    public Optional<RecordedOrder> find(String orderId) {
        return jdbc.query(SELECT + "WHERE order_id = ?", OrderBook::recorded, orderId).stream().findFirst();
    }

    /** Those of the orders that were ever reserved, by order id, in one query. */
    public Map<String, RecordedOrder> findAll(Collection<String> orderIds) {
        Map<String, RecordedOrder> found = new HashMap<>();
        if (orderIds.isEmpty()) {
            return found;
        }
        jdbc.query(connection -> {
            PreparedStatement select = connection.prepareStatement(SELECT + "WHERE order_id = ANY(?)");
            select.setArray(1, connection.createArrayOf("varchar", orderIds.toArray()));
            return select;
        }, row -> {
            RecordedOrder order = recorded(row, 0);
            found.put(order.orderId(), order);
        });
        return found;
    }

    private static RecordedOrder recorded(ResultSet row, int rowNumber) throws SQLException {
        return new RecordedOrder(row.getString(1), row.getString(2), row.getString(3),
                row.getTimestamp(4).toInstant(), row.getTimestamp(5).toInstant(), read(row.getString(6)));
    }

    /**
     * Records a new order in the current transaction and claims its idempotency key for good. An order id recorded
     * meanwhile by another instance is a lost race ({@link ConcurrencyException}: the retry finds that order); a key
     * another request already used refuses the whole order.
     */
    public void record(RecordedOrder order) {
        int claimed = jdbc.update("""
                INSERT INTO ledger_request (idempotency_key, operation) VALUES (?, 'ORDER')
                ON CONFLICT DO NOTHING""", order.idempotencyKey());
        if (claimed == 0) {
            throw new OrderRefusal(new IdempotencyKeyReusedException(order.idempotencyKey(),
                    "it was used before by another request"));
        }
        int recorded = jdbc.update("""
                        INSERT INTO ledger_order (order_id, idempotency_key, fingerprint, created_at, expires_at, lines)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))
                        ON CONFLICT (order_id) DO NOTHING""",
                order.orderId(), order.idempotencyKey(), order.fingerprint(), Timestamp.from(order.createdAt()),
                Timestamp.from(order.expiresAt()), write(order.lines()));
        if (recorded == 0) {
            throw new ConcurrencyException("order " + order.orderId() + " was recorded meanwhile by another request");
        }
    }

    private static String write(List<OrderOutcome.Line> lines) {
        try {
            return JSON.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order's lines could not be written as JSON", e);
        }
    }

    private static List<OrderOutcome.Line> read(String json) {
        try {
            return JSON.readValue(json, LINES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded order's lines could not be read", e);
        }
    }
}
