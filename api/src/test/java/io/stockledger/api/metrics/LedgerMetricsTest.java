package io.stockledger.api.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.StockedSku;
import io.stockledger.command.config.LedgerFootprint;
import io.stockledger.events.EventEnvelope;
import io.stockledger.events.ReservationRequested;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** The seed's business metrics, scraped from Prometheus the way an operator's dashboard reads them. */
@AutoConfigureObservability(tracing = false)
class LedgerMetricsTest extends ServiceIntegrationTest {

    @Autowired
    private EventStorageEngine storage;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private Cache stockLedgerCache;

    @Test
    void reservationAttemptsAreCountedByResultAndTimedByOperation() {
        StockedSku sku = client.stockNewSku(2);
        client.reserve(sku, 2);
        client.reserve(sku, 1);
        client.post("/v1/reserve", Map.of("quantity", 0));
        String reservation = jdbc.queryForObject("SELECT reservation_id::text FROM ledger_request"
                + " WHERE reservation_id IS NOT NULL LIMIT 1", String.class);
        client.confirm(reservation);

        String metrics = scrape();
        assertThat(sample(metrics, "inventory_reservation_attempts_total\\{result=\"success\"")).isEqualTo(1);
        assertThat(sample(metrics, "inventory_reservation_attempts_total\\{result=\"insufficient_stock\"")).isEqualTo(1);
        assertThat(sample(metrics, "inventory_reservation_attempts_total\\{result=\"validation\"")).isEqualTo(1);
        assertThat(sample(metrics, "inventory_reservation_duration_seconds_count\\{operation=\"reserve\"")).isEqualTo(3);
        assertThat(sample(metrics, "inventory_reservation_duration_seconds_count\\{operation=\"confirm\"")).isEqualTo(1);
        assertThat(metrics).contains("inventory_reservation_duration_seconds_bucket{operation=\"reserve\",le=\"0.12\"}");
        assertThat(metrics).contains("inventory_race_conditions_total")
                .contains("inventory_cache_hit_rate")
                .contains("inventory_processor_lag{processor=\"read-models\"}")
                .contains("hikaricp_connections_active");
        assertThat(sample(metrics, "ledger_command_seconds_count\\{command=\"ReserveStock\",error=\"none\","
                + "outcome=\"success\"")).as("the ledger.command observation's timer").isEqualTo(1);
        assertThat(sample(metrics, "ledger_command_seconds_count\\{command=\"ReserveStock\",error=\"none\","
                + "outcome=\"refused\"")).isEqualTo(1);
        assertThat(sample(metrics, "ledger_command_seconds_count\\{command=\"ConfirmReservation\"")).isEqualTo(1);
        assertThat(metrics).doesNotContain(sku.product().toString());
    }

    @Test
    void aBalanceThatBreaksTheInvariantsIsCountedAsAnOversellingIncident() {
        StockedSku sku = client.stockNewSku(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(sku).status() == 200);
        assertThat(sample(scrape(), "inventory_overselling_incidents_total")).isZero();

        // an event the aggregate would never write: reserving 5 of 1, appended behind its back
        String ledger = sku.ledgerId();
        ReservationRequested forged = new ReservationRequested(new EventEnvelope(UUID.randomUUID(), Instant.now(),
                "forged", sku.product(), sku.warehouse(), "intruder"), UUID.randomUUID(), 5, 60,
                Instant.now().plusSeconds(60), LedgerClient.key());
        transactions.executeWithoutResult(status -> storage.appendEvents(List.of(
                new GenericDomainEventMessage<>("StockLedger", ledger, 1, forged))));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(sample(scrape(), "inventory_overselling_incidents_total")).isEqualTo(1));
    }

    @Test
    void theReadModelProcessorsBatchesAreCountedWithTheEventsTheyCarried() {
        long batchesBefore = readModelBatches().count();
        double eventsBefore = readModelBatches().totalAmount();
        StockedSku sku = client.stockNewSku(5);
        client.reserve(sku, 2);
        client.reserve(sku, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.stock(sku.product(), sku.warehouse())
                .number("reserved") == 3);

        DistributionSummary batches = readModelBatches();
        assertThat(batches.count()).isGreaterThan(batchesBefore);
        assertThat(batches.totalAmount() - eventsBefore).as("the receipt and both reservations")
                .isGreaterThanOrEqualTo(3);
        assertThat(batches.max()).as("at most the processor's batch size").isBetween(1.0, 100.0);
        assertThat(sample(scrape(), "inventory_processor_batch_size_events_count\\{processor=\"read-models\""))
                .isGreaterThan(0);
    }

    @Test
    void aLedgerTheCacheNoLongerHoldsIsCountedAsALoadFromTheStore() {
        // receipts, not reservations: the first test counts reservation attempts from zero
        StockedSku sku = client.stockNewSku(5);
        String before = scrape();
        double held = sample(before, "inventory_cache_ledgers");
        assertThat(held).as("the ledger just written is held").isPositive();
        assertThat(sample(before, "inventory_cache_memory_bytes")).as("each ledger held weighs at least its base")
                .isGreaterThanOrEqualTo(held * LedgerFootprint.BASE_BYTES);
        assertThat(sample(before, "inventory_cache_memory_max_bytes")).as("the default: a quarter of the heap")
                .isEqualTo((double) (Runtime.getRuntime().maxMemory() / 4), within(1.0));

        assertThat(client.receive(sku.product(), sku.warehouse(), 1).status()).isEqualTo(200);
        assertThat(sample(scrape(), "inventory_ledger_loads_total")).as("a warm ledger is not loaded again")
                .isEqualTo(sample(before, "inventory_ledger_loads_total"));

        stockLedgerCache.remove(sku.ledgerId());
        assertThat(client.receive(sku.product(), sku.warehouse(), 1).status()).isEqualTo(200);
        assertThat(sample(scrape(), "inventory_ledger_loads_total") - sample(before, "inventory_ledger_loads_total"))
                .as("the evicted ledger loaded once from snapshot and events").isEqualTo(1);
    }

    /**
     * Every series the Grafana dashboard and the Prometheus alerts query is one the service exports, so that a panel
     * or an alert cannot watch a name that does not exist (a typo, a metric renamed). A few series are not in every
     * scrape (below): those must at least be documented under the name queried.
     */
    @Test
    void everySeriesTheDashboardAndTheAlertsQueryIsOneTheServiceExports() throws IOException {
        StockedSku sku = client.stockNewSku(10);
        String reservation = client.reserve(sku, 1).text("reservation_id");
        client.confirm(reservation);
        client.reserve(sku, 100); // refused: a 409 for the 409 panels
        String metrics = scrape();
        String documented = Files.readString(Path.of("..", "docs", "observability.md"));

        List<String> expressions = new ArrayList<>();
        new ObjectMapper().readTree(Path.of("..", "ops", "grafana", "dashboards", "stock-ledger.json").toFile())
                .findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        Map<String, Object> rules = new Yaml().load(Files.readString(Path.of("..", "ops", "prometheus", "alerts.yml")));
        expressionsIn(rules, expressions);
        Set<String> queried = seriesIn(expressions);

        assertThat(queried).as("the capacity row's series among them")
                .contains("inventory_command_batch_size_commands_sum", "ledger_concurrency_in_flight",
                        "ledger_fault_answers_total");
        for (String series : queried) {
            if (notInEveryScrape(series)) {
                assertThat(documented).as("%s documented in observability.md", series).contains("`" + series + "`");
            } else {
                assertThat(metrics).as("%s exported", series).containsPattern("(?m)^" + series + "[{ ]");
            }
        }
    }

    /**
     * Series registered when they first happen (a 503, a fallback from Redis to PostgreSQL), so absent from a service
     * that has had none, and the relay's, registered only where it runs ({@code NATS_URL} set; not in this test).
     */
    private static boolean notInEveryScrape(String series) {
        return series.equals("ledger_fault_answers_total") || series.equals("inventory_redis_fallbacks_total")
                || series.startsWith("inventory_relay_");
    }

    /** Every {@code expr} in the alert rules, however deep. */
    private static void expressionsIn(Object node, List<String> expressions) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("expr".equals(key)) {
                    expressions.add(value.toString());
                } else {
                    expressionsIn(value, expressions);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> expressionsIn(item, expressions));
        }
    }

    /**
     * The series names in PromQL expressions: the words with an underscore, once quoted label values, Grafana's
     * variables and the functions with one are taken out. ({@code up}, Prometheus' own, has none.)
     */
    private static Set<String> seriesIn(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        Matcher words = Pattern.compile("[a-z_][a-z0-9_]*").matcher("");
        for (String expression : expressions) {
            words.reset(expression.replaceAll("\"[^\"]*\"", " ").replaceAll("\\$\\w+", " "));
            while (words.find()) {
                String word = words.group();
                if (word.contains("_") && !word.startsWith("_") && !PROMQL_WORDS.contains(word)) {
                    names.add(word);
                }
            }
        }
        return names;
    }

    private static final Set<String> PROMQL_WORDS = Set.of("histogram_quantile", "group_left", "group_right",
            "label_replace", "count_over_time");

    private DistributionSummary readModelBatches() {
        return meters.get("inventory.processor.batch.size").tag("processor", "read-models").summary();
    }

    private String scrape() {
        LedgerClient.Response response = management.get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.raw();
    }

    /** The value of the first sample whose line starts with this pattern. */
    private static double sample(String metrics, String linePrefix) {
        Matcher matcher = Pattern.compile("(?m)^" + linePrefix + "[^\\n]* ([0-9.eE+-]+)$").matcher(metrics);
        assertThat(matcher.find()).as("metric %s in%n%s", linePrefix, metrics).isTrue();
        return Double.parseDouble(matcher.group(1));
    }
}
