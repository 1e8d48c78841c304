package io.stockledger.api.benchmark;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.events.EventEnvelope;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockReceived;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long the first command on a cold SKU with 100,000 events takes: without a snapshot (full replay), from the
 * snapshot that replay leaves behind, and warm from the cache. Prints figures; asserts only correctness.
 * Not part of the default suite: {@code ./mvnw -pl api test -Dgroups=benchmark -Dtest.excluded.groups=}.
 */
@Tag("benchmark")
class ColdLoadBenchmark extends ServiceIntegrationTest {

    private static final int EVENTS = 100_000;

    @Autowired
    private EventStorageEngine storage;

    @Autowired
    @Qualifier("stockLedgerCache")
    private Cache ledgers;

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private TransactionTemplate transactions;

    @Test
    void coldLoadOfASkuWithAHundredThousandEvents() {
        // the read models would spend the run projecting the history; this measures the command side only
        processing.eventProcessor(ReadModelConfiguration.READ_MODELS, StreamingEventProcessor.class)
                .ifPresent(StreamingEventProcessor::shutDown);
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        long writeStart = System.nanoTime();
        int pairs = writeHistory(product, warehouse);
        System.out.printf("wrote %,d events in %.1f s%n", EVENTS, (System.nanoTime() - writeStart) / 1e9);

        ledgers.removeAll();
        double fullReplayMs = timeOneReservation(product, warehouse);
        String ledgerId = product + ":" + warehouse;
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, ledgerId) > 0);

        double[] fromSnapshot = new double[9];
        for (int i = 0; i < fromSnapshot.length; i++) {
            ledgers.removeAll();
            fromSnapshot[i] = timeOneReservation(product, warehouse);
        }
        double[] warm = new double[99];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = timeOneReservation(product, warehouse);
        }

        Arrays.sort(fromSnapshot);
        Arrays.sort(warm);
        System.out.printf("%n| first reserve on a SKU with %,d events | ms |%n|---|---|%n", EVENTS);
        System.out.printf("| cold, no snapshot (full replay) | %.1f |%n", fullReplayMs);
        System.out.printf("| cold, from snapshot (median of %d) | %.1f |%n", fromSnapshot.length,
                fromSnapshot[fromSnapshot.length / 2]);
        System.out.printf("| warm, cached (median of %d, HTTP round trip) | %.1f |%n%n", warm.length,
                warm[warm.length / 2]);

        long expectedReserved = 1 + fromSnapshot.length + warm.length;
        assertThat(client.receive(product, warehouse, 1).number("available"))
                .as("the ledger loaded with the right balance")
                .isEqualTo(EVENTS - pairs - expectedReserved + 1);
    }

    private double timeOneReservation(UUID product, UUID warehouse) {
        long start = System.nanoTime();
        LedgerClient.Response response = client.reserve(product, warehouse, 1, LedgerClient.key());
        double millis = (System.nanoTime() - start) / 1e6;
        assertThat(response.status()).isEqualTo(200);
        return millis;
    }

    /** One receipt, then reserve-and-confirm pairs a second apart, so memory retention is exercised too. */
    private int writeHistory(UUID product, UUID warehouse) {
        String ledgerId = product + ":" + warehouse;
        Instant t = Instant.now().minus(Duration.ofSeconds(EVENTS + 60));
        List<EventMessage<?>> batch = new ArrayList<>();
        batch.add(event(ledgerId, 0, new StockReceived(new EventEnvelope(UUID.randomUUID(), t, "bench", product,
                warehouse, "bench"), EVENTS, null, "bench-" + UUID.randomUUID())));
        int pairs = 0;
        for (long sequence = 1; sequence + 1 < EVENTS; sequence += 2) {
            t = t.plusSeconds(2);
            UUID reservation = UUID.randomUUID();
            batch.add(event(ledgerId, sequence, new ReservationRequested(new EventEnvelope(UUID.randomUUID(), t,
                    "bench", product, warehouse, "bench"), reservation, 1, 300, t.plusSeconds(300),
                    "bench-" + UUID.randomUUID())));
            batch.add(event(ledgerId, sequence + 1, new ReservationConfirmed(new EventEnvelope(UUID.randomUUID(),
                    t.plusMillis(1), "bench", product, warehouse, "bench"), reservation, 1)));
            pairs++;
            if (batch.size() >= 2_000) {
                append(batch);
            }
        }
        append(batch);
        return pairs;
    }

    private void append(List<EventMessage<?>> batch) {
        List<EventMessage<?>> copy = List.copyOf(batch);
        transactions.executeWithoutResult(status -> storage.appendEvents(copy));
        batch.clear();
    }

    private static DomainEventMessage<?> event(String ledgerId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("StockLedger", ledgerId, sequence, payload);
    }
}
