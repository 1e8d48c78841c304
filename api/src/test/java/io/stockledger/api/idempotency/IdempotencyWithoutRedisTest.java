package io.stockledger.api.idempotency;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceInstance;
import io.stockledger.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Correctness never depends on Redis: unset or unreachable, PostgreSQL keeps the responses. */
class IdempotencyWithoutRedisTest {

    @Test
    void withoutRedisConfiguredResponsesAreKeptInPostgres() {
        try (ServiceInstance service = ServiceInstance.on(TestDatabase.createFresh())) {
            assertRepeatIsReplayed(service.client());
            assertThat(service.management().get("/actuator/health").body().path("components").has("redis"))
                    .as("no Redis component when Redis is not configured").isFalse();
        }
    }

    @Test
    void withRedisUnreachableTheServiceIsDegradedNotDownAndPostgresTakesOver() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ServiceInstance service = ServiceInstance.on(TestDatabase.createFresh(),
                "--REDIS_URL=redis://127.0.0.1:" + closedPort)) {
            assertRepeatIsReplayed(service.client());
            LedgerClient.Response health = service.management().get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().path("components").path("redis").path("status").asText()).isEqualTo("DEGRADED");
            assertThat(service.management().get("/actuator/health/readiness").status()).isEqualTo(200);
            String metrics = service.management().get("/actuator/prometheus").raw();
            assertThat(metrics).as("the RedisUnavailable alert's signal")
                    .containsPattern("(?m)^inventory_redis_fallbacks_total(\\{[^}]*})? [1-9]");
        }
    }

    private static void assertRepeatIsReplayed(LedgerClient client) {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        client.receive(product, warehouse, 10);
        String key = LedgerClient.key();
        String body = "{\"product_id\":\"" + product + "\",\"warehouse_id\":\"" + warehouse
                + "\",\"quantity\":2,\"idempotency_key\":\"" + key + "\",\"ttl_seconds\":300}";

        LedgerClient.Response first = client.postRaw("/v1/reserve", body, "Idempotency-Key", key);
        LedgerClient.Response repeat = client.postRaw("/v1/reserve", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.raw()).isEqualTo(first.raw());
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
    }
}
