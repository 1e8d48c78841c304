package io.stockledger.audit.asof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.audit.api.BalanceAsOfView;
import io.stockledger.audit.api.FindBalanceAsOf;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.HashMap;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * A ledger's balance at a past instant, folded straight from {@code domain_event_entry} (no read model in between):
 * its events in sequence order, stopping at the first whose payload {@code timestamp} is after the instant asked
 * for. The {@code time_stamp} column is not used: it is the time Axon created the message, not the event's own time
 * (the ledger's clock, which the payload carries).
 *
 * <p>What each event does to a balance is defined once, in {@link Fold}; the warehouse-wide as-of
 * ({@link WarehouseBalancesAsOf}) and the reconciliation ({@link StoreReconciliation}) fold with it too, so the three
 * can never disagree about an event's effect.
 *
 * <p>Rows are streamed: a fetch size inside a read-only transaction (what the PostgreSQL driver needs to use a
 * cursor), and reading stops at the first event after the instant, so a long history is never held in memory.
 *
 * <p>Snapshots are deliberately not a starting point: they are the aggregate's private state, written by the command
 * side in its own format, and they are not covered by the hash chain, so a balance proved from one would rest on
 * something an auditor cannot check. Folding from the first event is what an auditor can recompute.
 */
@Component
public class BalanceAsOf {

    /** Rows per round trip. */
    public static final int FETCH_SIZE = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnlyTransaction;

    BalanceAsOf(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        // a separate JdbcTemplate, so the shared one keeps its settings
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnlyTransaction = new TransactionTemplate(transactions);
        this.readOnlyTransaction.setReadOnly(true);
    }

    /** Empty when the ledger has no event at all; zeros with no sequence number when all its events are later. */
    @QueryHandler
    Optional<BalanceAsOfView> handle(FindBalanceAsOf query) {
        String ledger = query.productId() + ":" + query.warehouseId();
        Fold fold = readOnlyTransaction.execute(status -> streaming.query("""
                        SELECT sequence_number, payload_type, payload
                          FROM domain_event_entry
                         WHERE aggregate_identifier = ?
                         ORDER BY sequence_number""",
                (ResultSetExtractor<Fold>) rows -> {
                    Fold state = new Fold();
                    while (rows.next()) {
                        state.anyEvent = true;
                        JsonNode payload = parse(rows.getBytes("payload"));
                        if (timestampOf(payload).isAfter(query.asOf())) {
                            break; // sequence order is the ledger's order: nothing later counts
                        }
                        state.apply(rows.getLong("sequence_number"), rows.getString("payload_type"), payload);
                    }
                    return state;
                }, ledger));
        if (fold == null || !fold.anyEvent) {
            return Optional.empty();
        }
        return Optional.of(fold.view(query.productId(), query.warehouseId(), query.asOf()));
    }

    /** The event's own time: its payload's {@code timestamp}. */
    static Instant timestampOf(JsonNode payload) throws SQLException {
        JsonNode timestamp = payload.path("timestamp");
        if (!timestamp.isTextual()) {
            throw new SQLException("a stored event has no timestamp");
        }
        try {
            return Instant.parse(timestamp.asText());
        } catch (DateTimeParseException e) {
            throw new SQLException("a stored event's timestamp is not an instant: " + timestamp.asText(), e);
        }
    }

    public static JsonNode parse(byte[] json) throws SQLException {
        if (json == null) {
            throw new SQLException("a stored event has no payload");
        }
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new SQLException("a stored event is not JSON", e);
        }
    }

    /**
     * One ledger's balance, event by event: the only place that says what an event does to on hand and reserved.
     *
     * <p>StockReceived adds its quantity to on hand, StockAdjusted its signed quantity; ReservationRequested adds to
     * reserved; ReservationConfirmed takes its quantity off both on hand and reserved; ReservationReleased and
     * ReservationExpired take it off reserved; TransferShipped takes it off on hand, TransferReceived and
     * TransferReturned add it. Lots are followed too (each event's {@code lots}, or the default lot for events from
     * before lots), with their expiry and quarantine, so the units blocked at the instant asked for are known. An
     * event type this version does not know changes nothing (the event types are a sealed set, so this only
     * matters for events written by a newer version).
     */
    public static final class Fold {

        private static final String DEFAULT_LOT = "DEFAULT";

        private boolean anyEvent;
        private long onHand;
        private long reserved;
        private Long sequenceNumber;
        /** The ledger's lots, for what is blocked: quantity, reserved, expiry, quarantine. */
        private final Map<String, LotTally> lots = new HashMap<>();
        /** Lots held by each pending reservation: a confirmation lists what it consumed, not what it held. */
        private final Map<String, JsonNode> held = new HashMap<>();

        /** Applies the stored event at {@code sequence}: its {@code payload_type} and its payload as stored. */
        public void apply(long sequence, String payloadType, JsonNode payload) {
            long quantity = payload.path("quantity").asLong();
            String type = payloadType.substring(payloadType.lastIndexOf('.') + 1);
            switch (type) {
                case "StockReceived" -> {
                    onHand += quantity;
                    String batch = payload.path("batch_number").isTextual()
                            ? payload.path("batch_number").asText() : DEFAULT_LOT;
                    lot(batch, payload.path("expiry_date")).quantity += quantity;
                }
                case "StockAdjusted" -> {
                    onHand += quantity;
                    long sign = Long.signum(quantity);
                    forEachLot(payload, Math.abs(quantity), (lot, units) -> lot.quantity += sign * units);
                }
                case "ReservationRequested" -> {
                    reserved += quantity;
                    held.put(payload.path("reservation_id").asText(), payload);
                    forEachLot(payload, quantity, (lot, units) -> lot.reserved += units);
                }
                case "ReservationConfirmed" -> {
                    onHand -= quantity;
                    reserved -= quantity;
                    JsonNode request = held.remove(payload.path("reservation_id").asText());
                    if (request != null) {
                        forEachLot(request, quantity, (lot, units) -> lot.reserved -= units);
                    }
                    forEachLot(payload, quantity, (lot, units) -> lot.quantity -= units);
                }
                case "ReservationReleased", "ReservationExpired" -> {
                    reserved -= quantity;
                    held.remove(payload.path("reservation_id").asText());
                    forEachLot(payload, quantity, (lot, units) -> lot.reserved -= units);
                }
                case "LotQuarantined" -> lot(payload.path("batch_number").asText(), null).quarantined = true;
                case "LotUnquarantined" -> lot(payload.path("batch_number").asText(), null).quarantined = false;
                case "TransferShipped" -> {
                    onHand -= quantity;
                    forEachLot(payload, quantity, (lot, units) -> lot.quantity -= units);
                }
                case "TransferReceived", "TransferReturned" -> {
                    onHand += quantity;
                    for (JsonNode arriving : payload.path("lots")) {
                        lot(arriving.path("batch_number").asText(), arriving.path("expiry_date")).quantity
                                += arriving.path("quantity").asLong();
                    }
                }
                default -> {
                    // a picking policy change, or an event type of a newer version: no units move
                }
            }
            sequenceNumber = sequence;
        }

        /** The payload's {@code lots}, or (for events from before lots) the whole quantity in the default lot. */
        private void forEachLot(JsonNode payload, long quantity, java.util.function.ObjLongConsumer<LotTally> change) {
            JsonNode listed = payload.path("lots");
            if (!listed.isArray()) {
                change.accept(lot(DEFAULT_LOT, null), quantity);
                return;
            }
            for (JsonNode entry : listed) {
                change.accept(lot(entry.path("batch_number").asText(), entry.path("expiry_date")),
                        entry.path("quantity").asLong());
            }
        }

        private LotTally lot(String batch, JsonNode expiry) {
            LotTally lot = lots.computeIfAbsent(batch, b -> new LotTally());
            if (lot.expiry == null && expiry != null && expiry.isTextual()) {
                lot.expiry = LocalDate.parse(expiry.asText());
            }
            return lot;
        }

        public long onHand() {
            return onHand;
        }

        public long reserved() {
            return reserved;
        }

        /** Unreserved units in lots quarantined at that point, or expired by the date of {@code asOf} (UTC). */
        public long blockedAt(Instant asOf) {
            LocalDate day = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
            long blocked = 0;
            for (LotTally lot : lots.values()) {
                if (lot.quarantined || lot.expiry != null && day.isAfter(lot.expiry)) {
                    blocked += lot.quantity - lot.reserved;
                }
            }
            return blocked;
        }

        /** The last event applied, or null before the first. */
        Long sequenceNumber() {
            return sequenceNumber;
        }

        BalanceAsOfView view(UUID productId, UUID warehouseId, Instant asOf) {
            long blocked = blockedAt(asOf);
            return new BalanceAsOfView(productId, warehouseId, asOf, onHand, reserved, onHand - reserved - blocked,
                    sequenceNumber, blocked);
        }

        /** One lot as far as the fold has got. */
        private static final class LotTally {
            private long quantity;
            private long reserved;
            private LocalDate expiry;
            private boolean quarantined;
        }
    }
}
