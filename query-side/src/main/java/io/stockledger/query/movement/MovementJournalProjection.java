package io.stockledger.query.movement;

import io.stockledger.events.LedgerEvent;
import io.stockledger.events.effect.StockEffect;
import io.stockledger.query.config.DeferredStatements;
import io.stockledger.query.config.ReadModelConfiguration;
import io.stockledger.query.json.LotsJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/**
 * Keeps {@code stock_movement}, the journal: one row per ledger event with its effect on on hand and reserved,
 * keyed by the event's global position in the store. Summing a SKU's deltas gives its balance. The movement type,
 * the deltas, the reservation and the lots moved are the event's {@link StockEffect}; reason and note say why
 * ({@link JournalNote}); the order and line, for a reservation made for an order's line ({@link OrderLineOf}).
 */
@Component
@ProcessingGroup(ReadModelConfiguration.READ_MODELS)
class MovementJournalProjection {

    /** Row writes go to the database once per event batch (see {@link DeferredStatements}). */
    private final DeferredStatements writes;

    MovementJournalProjection(JdbcTemplate jdbc) {
        this.writes = new DeferredStatements(jdbc);
    }

    /**
     * The storage engine gives each event read from the store its own global index as this metadata entry: the
     * token's position is another event's when the event committed after a later index (a group commit, a race), and
     * keying the row by it dropped the event from the journal (its insert met the other event's row).
     */
    static final String GLOBAL_INDEX = "global_index";

    @EventHandler
    void on(LedgerEvent event, @SequenceNumber long sequence, TrackingToken token,
            @MetaDataValue(GLOBAL_INDEX) Number globalIndex) {
        // without the entry (events not read through the engine: tests), the token is exact
        long position = globalIndex != null ? globalIndex.longValue() : token.position().orElseThrow();
        StockEffect effect = StockEffect.of(event);
        JournalNote note = JournalNote.of(event);
        OrderLineOf order = OrderLineOf.of(event);
        writes.update("""
                        INSERT INTO stock_movement (global_position, event_id, product_id, warehouse_id,
                                                    sequence_number, movement_type, on_hand_delta, reserved_delta,
                                                    reservation_id, reason, note, requester_id, trace_id, occurred_at,
                                                    lots, order_id, line_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
                        ON CONFLICT DO NOTHING""",
                position, event.eventId(), event.productId(), event.warehouseId(), sequence,
                effect.type().name(), effect.onHandDelta(), effect.reservedDelta(), effect.reservationId(),
                note.reason(), note.text(), event.requesterId(), event.traceId(), Timestamp.from(event.timestamp()),
                LotsJson.write(effect.lots()), order.orderId(), order.lineId());
    }
}
