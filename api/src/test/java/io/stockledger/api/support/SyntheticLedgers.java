package io.stockledger.api.support;

import io.stockledger.events.EventEnvelope;
import io.stockledger.events.LedgerEvent;
import io.stockledger.events.LedgerId;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes many ledgers' histories straight through the event storage engine, as the ledger would have written them
 * (the same event records, aggregate type, metadata and sequence numbers), but thousands of times faster than over
 * HTTP: for tests and benchmarks that need a big store. Events of many ledgers, several of each, are appended together
 * in one call, as a unit of work that commits many commands at once does.
 *
 * <p>Each ledger receives 1,000 units, then cycles: reserve a few, confirm them; reserve a few, release them; lose
 * one. Its n-th event (from 0) happens at {@code start + n seconds}. Nothing is left pending (a number of events
 * that would end on a reservation is refused), so the expiry sweeper has nothing to do with these ledgers.
 */
public final class SyntheticLedgers {

    public static final String AGGREGATE_TYPE = "StockLedger";
    public static final String ACTOR = "synthetic-history";

    private final EventStorageEngine storage;
    private final int batchSize;

    /** One ledger written: its ids and its balance after every event (index = sequence number). */
    public record Ledger(UUID productId, UUID warehouseId, List<long[]> balances) {

        public String aggregateIdentifier() {
            return LedgerId.format(productId, warehouseId);
        }

        /** {on hand, reserved} after the event with this sequence number. */
        public long[] after(long sequence) {
            return balances.get((int) sequence);
        }

        public long lastSequence() {
            return balances.size() - 1;
        }
    }

    public SyntheticLedgers(EventStorageEngine storage, int batchSize) {
        this.storage = storage;
        this.batchSize = batchSize;
    }

    /** Writes {@code count} new ledgers in {@code warehouse}, {@code events} events each, and returns them. */
    public List<Ledger> write(UUID warehouse, int count, int events, Instant start) {
        if (events < 1 || (events - 2) % 5 == 0 || (events - 2) % 5 == 2) {
            throw new IllegalArgumentException(events + " events would end on a pending reservation");
        }
        List<Ledger> ledgers = new ArrayList<>();
        List<List<EventMessage<?>>> histories = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID product = UUID.randomUUID();
            List<long[]> balances = new ArrayList<>();
            histories.add(history(product, warehouse, events, start, balances));
            ledgers.add(new Ledger(product, warehouse, balances));
        }
        // interleaved, ledger after ledger within each sequence number: every batch holds several ledgers' events
        List<EventMessage<?>> batch = new ArrayList<>();
        for (int sequence = 0; sequence < events; sequence++) {
            for (List<EventMessage<?>> history : histories) {
                batch.add(history.get(sequence));
                if (batch.size() == batchSize) {
                    storage.appendEvents(batch);
                    batch = new ArrayList<>();
                }
            }
        }
        if (!batch.isEmpty()) {
            storage.appendEvents(batch);
        }
        return ledgers;
    }

    private static List<EventMessage<?>> history(UUID product, UUID warehouse, int events, Instant start,
                                                List<long[]> balances) {
        List<EventMessage<?>> history = new ArrayList<>();
        long onHand = 0;
        long reserved = 0;
        UUID reservation = null;
        int quantity = 0;
        for (int sequence = 0; sequence < events; sequence++) {
            Instant at = start.plusSeconds(sequence);
            UUID id = UUID.randomUUID();
            String trace = "synthetic-" + id;
            LedgerEvent event;
            if (sequence == 0) {
                event = new StockReceived(new EventEnvelope(id, at, trace, product, warehouse, ACTOR), 1_000,
                        new BigDecimal("2.50"), key());
                onHand += 1_000;
            } else {
                switch ((sequence - 1) % 5) {
                    case 0, 2 -> {
                        reservation = UUID.randomUUID();
                        quantity = 1 + sequence % 7;
                        event = new ReservationRequested(new EventEnvelope(id, at, trace, product, warehouse, ACTOR),
                                reservation, quantity, 300, at.plus(Duration.ofSeconds(300)), key());
                        reserved += quantity;
                    }
                    case 1 -> {
                        event = new ReservationConfirmed(new EventEnvelope(id, at, trace, product, warehouse, ACTOR),
                                reservation, quantity);
                        onHand -= quantity;
                        reserved -= quantity;
                    }
                    case 3 -> {
                        event = new ReservationReleased(new EventEnvelope(id, at, trace, product, warehouse, ACTOR),
                                reservation, quantity);
                        reserved -= quantity;
                    }
                    default -> {
                        event = new StockAdjusted(new EventEnvelope(id, at, trace, product, warehouse, ACTOR), -1,
                                "LOSS", null, key());
                        onHand -= 1;
                    }
                }
            }
            balances.add(new long[] {onHand, reserved});
            history.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, LedgerId.format(product, warehouse), sequence,
                    event, MetaData.from(Map.of("actor", ACTOR, "trace_id", trace)), id.toString(), at));
        }
        return history;
    }

    private static String key() {
        return "synthetic-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    }
}
