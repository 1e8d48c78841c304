package io.stockledger.api.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.NatsServer;
import io.stockledger.api.support.ServiceInstance;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented consumer really works: it sees every event once, a restart resumes where it stopped, and its spans
 * continue the traces of the requests that caused the events.
 */
class AnalyticsConsumerExampleTest {

    private static final Tracer UNTRACED = OpenTelemetry.noop().getTracer("analytics");

    @Test
    void aDurableConsumerReadsEveryEventOnceAndResumesAfterARestart() throws Exception {
        TestDatabase database = TestDatabase.createFresh();
        try (NatsServer nats = NatsServer.start();
             ServiceInstance service = ServiceInstance.on(database, "--NATS_URL=" + nats.url())) {
            LedgerClient client = service.client();
            UUID product = UUID.randomUUID();
            UUID warehouse = UUID.randomUUID();
            client.receive(product, warehouse, 10);
            String reservation = client.reserve(product, warehouse, 3, LedgerClient.key()).text("reservation_id");
            client.confirm(reservation);

            List<JsonNode> seen = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
                AnalyticsConsumerExample.drain(nats.url(), "analytics", UNTRACED, seen::add);
                assertThat(seen).hasSize(3);
            });
            assertThat(seen).extracting(event -> event.path("quantity").asInt()).containsExactly(10, 3, 3);

            client.release(client.reserve(product, warehouse, 2, LedgerClient.key()).text("reservation_id"));
            List<JsonNode> afterRestart = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
                AnalyticsConsumerExample.drain(nats.url(), "analytics", UNTRACED, afterRestart::add);
                assertThat(afterRestart).as("only what came after the first run").hasSize(2);
            });
            assertThat(afterRestart.get(1).has("reservation_id")).isTrue();
        }
    }

    @Test
    void eachEventIsHandledInASpanOfTheTraceOfTheRequestThatCausedIt() throws Exception {
        TestDatabase database = TestDatabase.createFresh();
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (NatsServer nats = NatsServer.start();
             ServiceInstance service = ServiceInstance.on(database, "--NATS_URL=" + nats.url(),
                     "--TRACING_SAMPLING_PROBABILITY=1.0");
             SdkTracerProvider tracing = SdkTracerProvider.builder()
                     .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()) {
            LedgerClient client = service.client();
            UUID product = UUID.randomUUID();
            UUID warehouse = UUID.randomUUID();
            String caller = "0af7651916cd43dd8448eb211c80319c";
            client.postRaw("/v1/receive", """
                    {"product_id": "%s", "warehouse_id": "%s", "quantity": 10, "idempotency_key": "%s"}"""
                    .formatted(product, warehouse, LedgerClient.key()),
                    "traceparent", "00-" + caller + "-b7ad6b7169203331-01");
            String ownTrace = client.reserve(product, warehouse, 3, LedgerClient.key()).traceId();

            List<JsonNode> seen = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
                AnalyticsConsumerExample.drain(nats.url(), "traced", tracing.get("analytics"), seen::add);
                assertThat(seen).hasSize(2);
            });

            assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName)
                    .containsExactly("analytics inventory.stock.received", "analytics inventory.reserve.request");
            assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getTraceId)
                    .as("the caller's trace, then the trace the service started for a request without one")
                    .containsExactly(caller, ownTrace);
            assertThat(spans.getFinishedSpanItems()).allSatisfy(span ->
                    assertThat(span.getParentSpanContext().isRemote()).isTrue());
        }
    }
}
