package io.stockledger.api.relay;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.NatsServer;
import io.stockledger.api.support.ServiceInstance;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented consumer really works: it sees every event once, and a restart resumes where it stopped. */
class AnalyticsConsumerExampleTest {

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
                AnalyticsConsumerExample.drain(nats.url(), "analytics", seen::add);
                assertThat(seen).hasSize(3);
            });
            assertThat(seen).extracting(event -> event.path("quantity").asInt()).containsExactly(10, 3, 3);

            client.release(client.reserve(product, warehouse, 2, LedgerClient.key()).text("reservation_id"));
            List<JsonNode> afterRestart = new ArrayList<>();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> {
                AnalyticsConsumerExample.drain(nats.url(), "analytics", afterRestart::add);
                assertThat(afterRestart).as("only what came after the first run").hasSize(2);
            });
            assertThat(afterRestart.get(1).has("reservation_id")).isTrue();
        }
    }
}
