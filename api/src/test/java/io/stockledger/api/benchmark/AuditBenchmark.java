package io.stockledger.api.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.eventstore.chain.HashChainingStorageEngine;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.SyntheticLedgers;
import io.stockledger.events.EventEnvelope;
import io.stockledger.events.StockAdjusted;
import io.stockledger.query.config.ReadModelConfiguration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditors' passes over a store of 120,000 events (4,000 ledgers of 30 events in 4 warehouses; more with
 * {@code -Dbenchmark.audit-ledgers-per-warehouse}): rebuilding the
 * read models (twice: in the fresh JVM, then again with its code compiled), reconciling them, verifying the hash
 * chains, one warehouse as of an instant, and what the chain costs an append. Prints events per second and a line per
 * rebuild against the target; asserts only correctness. Not part of the default suite:
 * {@code ./mvnw -B -pl api -am verify -Dgroups=benchmark -Dtest.excluded.groups= -Dtest=AuditBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class AuditBenchmark extends ServiceIntegrationTest {

    private static final int WAREHOUSES = 4;
    /**
     * {@code -Dbenchmark.audit-ledgers-per-warehouse=10000} for a store of 1.2 million events, where a fresh JVM's
     * compilation is a smaller share of the rebuild.
     */
    private static final int LEDGERS_PER_WAREHOUSE = Integer.getInteger("benchmark.audit-ledgers-per-warehouse",
            1_000);
    private static final int EVENTS_PER_LEDGER = 30;
    private static final int APPENDS = 2_000;
    /** Issue #17's target for rebuilding the read models from the store. */
    private static final int REBUILD_TARGET = 20_000;

    @Autowired
    private EventStorageEngine storage;

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void auditPassesOverAHundredAndTwentyThousandEvents() {
        StreamingEventProcessor readModels = processing.eventProcessor(ReadModelConfiguration.READ_MODELS,
                StreamingEventProcessor.class).orElseThrow();
        // the history is written behind the read models' back: the rebuild below builds them, alone on the cores
        readModels.shutDown();
        Instant start = Instant.now().minus(Duration.ofDays(2));
        List<UUID> warehouses = new ArrayList<>();
        long writing = System.nanoTime();
        for (int w = 0; w < WAREHOUSES; w++) {
            UUID warehouse = UUID.randomUUID();
            warehouses.add(warehouse);
            new SyntheticLedgers(storage, 1_000).write(warehouse, LEDGERS_PER_WAREHOUSE, EVENTS_PER_LEDGER, start);
        }
        double writeSeconds = seconds(writing);
        long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        assertThat(events).isEqualTo((long) WAREHOUSES * LEDGERS_PER_WAREHOUSE * EVENTS_PER_LEDGER);

        JsonNode rebuild = job("/v1/admin/read-models/rebuild");
        readModels.start();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stock_movement", Long.class)).isEqualTo(events);
        // a running service has compiled its projections long before an operator rebuilds; this JVM has not, so the
        // first rebuild shares the cores with the JIT (a quarter of the machine) and the second shows the service's
        JsonNode again = job("/v1/admin/read-models/rebuild");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stock_movement", Long.class)).isEqualTo(events);
        JsonNode reconcile = job("/v1/audit/reconcile");
        assertThat(reconcile.path("findings").asLong()).isZero();
        JsonNode verify = job("/v1/audit/verify");
        assertThat(verify.path("findings").asLong()).isZero();
        assertThat(verify.path("events_read").asLong()).isEqualTo(events);

        long asOf = System.nanoTime();
        Response warehouse = client.get("/v1/stock?warehouse_id=" + warehouses.getFirst() + "&as_of="
                + start.plusSeconds(EVENTS_PER_LEDGER / 2));
        double asOfSeconds = seconds(asOf);
        assertThat(warehouse.number("ledger_count")).isEqualTo(LEDGERS_PER_WAREHOUSE);

        appendMillis(); // warm-up of both paths
        double[] append = appendMillis();

        System.out.printf("%n| pass over %,d events | events/s | s |%n|---|---|---|%n", events);
        System.out.printf("| write (synthetic, appends of 1,000, chained) | %,.0f | %.1f |%n", events / writeSeconds,
                writeSeconds);
        row("rebuild of the read models (job), the first in this JVM", rebuild);
        row("rebuild of the read models (job), again", again);
        row("reconciliation, whole store (job)", reconcile);
        row("hash-chain verification, whole store (job)", verify);
        System.out.printf("| one warehouse as of an instant (%,d events, HTTP) | %,.0f | %.1f |%n",
                events / WAREHOUSES, events / WAREHOUSES / asOfSeconds, asOfSeconds);
        System.out.printf("%n| single-event append, one transaction (mean of %,d each, interleaved) | ms |%n"
                + "|---|---|%n", APPENDS / 2);
        System.out.printf("| without the chain (the JDBC engine alone) | %.3f |%n| with the hash chain | %.3f |%n%n",
                append[0], append[1]);
        System.out.printf("Target:%n%n| target | measured | verdict |%n|---|---|---|%n");
        verdict("the first in this JVM", rebuild, events / writeSeconds);
        verdict("again", again, events / writeSeconds);
        System.out.println();
    }

    /** The write pass is the machine's yardstick: the same events, the same PostgreSQL, a minute apart. */
    private static void verdict(String which, JsonNode rebuild, double writtenPerSecond) {
        double rate = eventsPerSecond(rebuild);
        System.out.printf("| rebuild of the read models ≥ %,d events/s (%s) | %,.0f events/s, %.2f× the write pass "
                        + "| %s |%n", REBUILD_TARGET, which, rate, rate / writtenPerSecond,
                rate >= REBUILD_TARGET ? "met" : "missed");
    }

    private JsonNode job(String path) {
        Response started = client.postRaw(path, "");
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String location = started.header("Location");
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            job[0] = client.get(location).body();
            return !"RUNNING".equals(job[0].path("status").asText());
        });
        assertThat(job[0].path("status").asText()).as(job[0].toString()).isEqualTo("SUCCEEDED");
        return job[0];
    }

    private static void row(String what, JsonNode job) {
        System.out.printf("| %s | %,.0f | %.1f |%n", what, eventsPerSecond(job), jobSeconds(job));
    }

    private static double eventsPerSecond(JsonNode job) {
        return job.path("events_read").asLong() / jobSeconds(job);
    }

    private static double jobSeconds(JsonNode job) {
        return Duration.between(Instant.parse(job.path("started_at").asText()),
                Instant.parse(job.path("finished_at").asText())).toMillis() / 1000.0;
    }

    /**
     * Appends to ledgers that already have an event, one event per transaction as a single command does, alternately
     * through the JDBC engine alone and through the hash chain, so both see the same machine; mean ms of each.
     */
    private double[] appendMillis() {
        EventStorageEngine withoutChain = ((HashChainingStorageEngine) storage).delegate();
        List<SyntheticLedgers.Ledger> ledgers = new SyntheticLedgers(storage, 1_000)
                .write(UUID.randomUUID(), APPENDS, 1, Instant.now().minusSeconds(60));
        long[] nanos = new long[2];
        for (int i = 0; i < ledgers.size(); i++) {
            SyntheticLedgers.Ledger ledger = ledgers.get(i);
            UUID id = UUID.randomUUID();
            StockAdjusted found = new StockAdjusted(new EventEnvelope(id, Instant.now(), "bench-" + id,
                    ledger.productId(), ledger.warehouseId(), "bench"), 1, "FOUND", null,
                    "bench-" + id + "-" + UUID.randomUUID());
            long begin = System.nanoTime();
            (i % 2 == 0 ? withoutChain : storage).appendEvents(List.of(new GenericDomainEventMessage<>(
                    SyntheticLedgers.AGGREGATE_TYPE, ledger.aggregateIdentifier(), 1, found, MetaData.from(Map.of(
                    "actor", "bench", "trace_id", "bench-" + id)), id.toString(), Instant.now())));
            nanos[i % 2] += System.nanoTime() - begin;
        }
        return new double[] {nanos[0] / 1e6 / (APPENDS / 2.0), nanos[1] / 1e6 / (APPENDS / 2.0)};
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
