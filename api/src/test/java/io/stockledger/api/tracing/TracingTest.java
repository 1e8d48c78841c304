package io.stockledger.api.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.stockledger.api.support.AuditJobRuns;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.NatsServer;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.StreamReader;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.autoconfigure.tracing.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracing as in production (W3C propagation on, every trace sampled), with the spans caught in memory instead of
 * exported and the relay publishing to a real NATS server: a caller's {@code traceparent} is continued and returned,
 * recorded with every event, handed on with every NATS message, and the request, its command, the write, the
 * read-model update and the publish are spans of the one trace.
 */
@AutoConfigureObservability
@Import(TracingTest.InMemorySpans.class)
class TracingTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NatsServer NATS = NatsServer.start();

    @Autowired
    private InMemorySpanExporter spans;

    @Autowired
    private ApplicationContext context;

    @Autowired
    private MeterRegistry meters;

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();

    @TestConfiguration
    static class InMemorySpans {

        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @DynamicPropertySource
    static void relayAndPromptExport(DynamicPropertyRegistry registry) {
        registry.add("ledger.relay.nats-url", NATS::url);
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.tracing.opentelemetry.export.schedule-delay", () -> "50ms");
    }

    @AfterAll
    static void stopNats() {
        NATS.close();
    }

    /** A caller's W3C context: a new trace id, the caller's span id, sampled. */
    private record CallerContext(String traceId, String spanId) {

        static CallerContext fresh() {
            return new CallerContext(hex(16), hex(8));
        }

        String traceparent() {
            return "00-" + traceId + "-" + spanId + "-01";
        }

        private static String hex(int bytes) {
            byte[] random = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(random);
            return HexFormat.of().formatHex(random);
        }
    }

    @Test
    void aCallersTraceparentIsContinuedReturnedRecordedWithTheEventAndHandedOnWithItsNatsMessage() throws Exception {
        CallerContext caller = CallerContext.fresh();

        LedgerClient.Response response = receive("traceparent", caller.traceparent());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.traceId()).as("X-Trace-ID: the distributed trace's id").isEqualTo(caller.traceId());
        assertThat(response.header("traceparent")).as("the request's span, in the caller's trace")
                .matches("00-" + caller.traceId() + "-[0-9a-f]{16}-01")
                .isNotEqualTo(caller.traceparent());
        Map<String, Object> event = theEvent();
        assertThat(event.get("trace_id")).isEqualTo(caller.traceId());
        String recorded = (String) event.get("traceparent");
        assertThat(recorded).matches("00-" + caller.traceId() + "-[0-9a-f]{16}-01");

        StreamReader.Message message = theMessage();
        assertThat(message.header("traceparent")).as("the context recorded with the event").isEqualTo(recorded);
        assertThat(message.header("Trace-Id")).isEqualTo(caller.traceId());
    }

    @Test
    void theRequestItsCommandTheWriteTheReadModelUpdateAndThePublishAreSpansOfOneTrace() {
        CallerContext caller = CallerContext.fresh();

        assertThat(receive("traceparent", caller.traceparent()).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(spansOf(caller.traceId())).extracting(SpanData::getName)
                        .contains("http post /v1/receive", "ledger.command", "CommandBus.handleCommand(ReceiveStock)",
                                "publish inventory.stock.received"));
        List<SpanData> trace = spansOf(caller.traceId());
        SpanData http = named(trace, "http post /v1/receive");
        assertThat(http.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(http.getParentSpanId()).as("a child of the caller's span").isEqualTo(caller.spanId());
        SpanData command = named(trace, "ledger.command");
        assertThat(command.getParentSpanId()).isEqualTo(http.getSpanId());
        assertThat(command.getAttributes().get(AttributeKey.stringKey("command"))).isEqualTo("ReceiveStock");
        assertThat(command.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("success");
        assertThat(named(trace, "CommandBus.handleCommand(ReceiveStock)").getParentSpanId())
                .as("the write, a child of the command's span").isEqualTo(command.getSpanId());
        assertThat((String) theEvent().get("traceparent")).as("the event records the command's span")
                .contains("-" + command.getSpanId() + "-");

        // each event processor's handling of the event, the read models' and the relay's, under the command
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(spansOf(caller.traceId()))
                .filteredOn(span -> span.getName().equals("StreamingEventProcessor.process(StockReceived)"))
                .hasSize(2).allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(command.getSpanId())));
        trace = spansOf(caller.traceId());
        SpanData publish = named(trace, "publish inventory.stock.received");
        assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(publish.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("published");
        SpanData relayHandler = trace.stream().filter(span -> span.getSpanId().equals(publish.getParentSpanId()))
                .findFirst().orElseThrow();
        assertThat(relayHandler.getName()).as("the relay's handler, within its processor's handling of the event")
                .isEqualTo("NatsRelay.on(LedgerEvent,long,MetaData)");
        assertThat(trace).filteredOn(span -> span.getSpanId().equals(relayHandler.getParentSpanId()))
                .extracting(SpanData::getName).containsExactly("StreamingEventProcessor.process(StockReceived)");
    }

    @Test
    void aCallersOwnXTraceIdIsTheRecordedTraceIdWhileTheW3cTraceStillContinues() throws Exception {
        CallerContext caller = CallerContext.fresh();
        String ours = "order-" + UUID.randomUUID();

        LedgerClient.Response response = receive("X-Trace-ID", ours, "traceparent", caller.traceparent());

        assertThat(response.traceId()).isEqualTo(ours);
        assertThat(response.header("traceparent")).startsWith("00-" + caller.traceId() + "-");
        Map<String, Object> event = theEvent();
        assertThat(event.get("trace_id")).isEqualTo(ours);
        assertThat((String) event.get("traceparent")).startsWith("00-" + caller.traceId() + "-");
        assertThat(theMessage().header("Trace-Id")).isEqualTo(ours);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(named(spansOf(caller.traceId()), "ledger.command").getAttributes()
                        .get(AttributeKey.stringKey("ledger.trace_id"))).isEqualTo(ours));
    }

    @Test
    void aReadModelRebuildStartsNoTraceOfItsOwnForTheEventsItReplays() {
        assertThat(receive().status()).isEqualTo(200);
        long rebuildStarted = System.currentTimeMillis() * 1_000_000;

        JsonNode rebuild = AuditJobRuns.run(client, "/v1/admin/read-models/rebuild", null);

        assertThat(rebuild.path("status").asText()).as(rebuild.toString()).isEqualTo("SUCCEEDED");
        assertThat(rebuild.path("events_read").asLong()).isPositive();
        // the replay calls the projections' handlers outside any processor's span; each handler's span would be a root
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(spans.getFinishedSpanItems())
                        .filteredOn(span -> span.getStartEpochNanos() >= rebuildStarted)
                        .filteredOn(span -> span.getName().contains("Projection."))
                        .allSatisfy(span -> assertThat(span.getParentSpanContext().isValid())
                                .as("%s: a projection's span within a processor's handling", span.getName())
                                .isTrue()));
    }

    @Test
    void withoutATraceparentTheRequestStartsATraceWhoseIdIsTheTraceId() {
        LedgerClient.Response response = client.receive(product, warehouse, 5);

        assertThat(response.traceId()).matches("[0-9a-f]{32}");
        assertThat(response.header("traceparent")).startsWith("00-" + response.traceId() + "-");
        assertThat(theEvent().get("trace_id")).isEqualTo(response.traceId());
    }

    @Test
    void aProblemAnswerCarriesTheTraceToo() {
        CallerContext caller = CallerContext.fresh();

        LedgerClient.Response refused = client.postRaw("/v1/reserve", "{\"quantity\": 0}",
                "traceparent", caller.traceparent());

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("trace_id")).isEqualTo(caller.traceId());
        assertThat(refused.header("traceparent")).startsWith("00-" + caller.traceId() + "-");
    }

    /**
     * Under group commit a batch is written on one caller's thread, inside that caller's spans; each event must still
     * record its own request's context. A test transaction holds the request registry, so the first reservation
     * waits inside its write and the next ones queue behind it and go together.
     */
    @Test
    void eachCommandOfAGroupCommitRecordsItsOwnRequestsContext() throws Exception {
        assertThat(client.receive(product, warehouse, 10).status()).isEqualTo(200);
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
        try (Connection registry = jdbc.getDataSource().getConnection()) {
            registry.setAutoCommit(false);
            try (Statement sql = registry.createStatement()) {
                sql.execute("LOCK TABLE ledger_request IN SHARE MODE");
            }
            Future<LedgerClient.Response> first = reserveIn(callers, CallerContext.fresh());
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                    SELECT count(*) FROM pg_locks WHERE relation = 'ledger_request'::regclass AND NOT granted""",
                    Long.class) == 1);
            Future<LedgerClient.Response> second = reserveIn(callers, CallerContext.fresh());
            Future<LedgerClient.Response> third = reserveIn(callers, CallerContext.fresh());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.get("inventory.command.queued").tag("queue", "ledger").gauge().value() == 2);
            registry.rollback();
            for (Future<LedgerClient.Response> each : List.of(first, second, third)) {
                assertThat(each.get().status()).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }

        List<Map<String, Object>> reservations = jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'trace_id' AS trace_id,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'traceparent' AS traceparent,
                       xmin::text AS tx
                  FROM domain_event_entry
                 WHERE aggregate_identifier = ? AND payload_type LIKE '%ReservationRequested'
                 ORDER BY sequence_number""", product + ":" + warehouse);
        assertThat(reservations).hasSize(3);
        assertThat(reservations.get(1).get("tx")).as("the second and third were written together")
                .isEqualTo(reservations.get(2).get("tx"));
        assertThat(reservations).allSatisfy(event -> assertThat((String) event.get("traceparent"))
                .as("each its own request's trace").startsWith("00-" + event.get("trace_id") + "-"));
        assertThat(reservations).extracting(event -> event.get("trace_id")).doesNotHaveDuplicates();
    }

    @Test
    void withoutAnOtlpEndpointNothingIsExported() {
        assertThat(context.getBeansOfType(OtlpTracingConnectionDetails.class)).isEmpty();
        assertThat(context.getBeansOfType(OtlpHttpSpanExporter.class)).isEmpty();
        assertThat(context.getBeansOfType(OtlpGrpcSpanExporter.class)).isEmpty();
        assertThat(context.getBeansOfType(io.opentelemetry.sdk.trace.export.SpanExporter.class))
                .as("only the test's in-memory exporter").hasSize(1).containsValue(spans);
    }

    private LedgerClient.Response receive(String... headers) {
        return client.postRaw("/v1/receive", """
                {"product_id": "%s", "warehouse_id": "%s", "quantity": 5, "idempotency_key": "%s"}"""
                .formatted(product, warehouse, LedgerClient.key()), headers);
    }

    private Future<LedgerClient.Response> reserveIn(ExecutorService callers, CallerContext caller) {
        String body = write(LedgerClient.reserveBody(product, warehouse, 1, LedgerClient.key(), 300));
        return callers.submit(() -> client.postRaw("/v1/reserve", body, "traceparent", caller.traceparent()));
    }

    /** The SKU's first event: its payload's trace id and the trace context in its metadata. */
    private Map<String, Object> theEvent() {
        return jdbc.queryForMap("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'trace_id' AS trace_id,
                       convert_from(meta_data, 'UTF8')::jsonb ->> 'traceparent' AS traceparent
                  FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""",
                product + ":" + warehouse);
    }

    /** The NATS message of the SKU's first event, once the relay published it. */
    private StreamReader.Message theMessage() throws Exception {
        try (StreamReader reader = new StreamReader(NATS.url(), "INVENTORY")) {
            return await().atMost(Duration.ofSeconds(20)).until(() -> reader.all().stream()
                    .filter(message -> (product + ":" + warehouse).equals(message.header("Ledger-Aggregate-Id")))
                    .findFirst().orElse(null), java.util.Objects::nonNull);
        }
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static SpanData named(List<SpanData> trace, String name) {
        List<SpanData> found = trace.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(found).as("one span named %s in %s", name, trace).hasSize(1);
        return found.getFirst();
    }

    private static String write(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
