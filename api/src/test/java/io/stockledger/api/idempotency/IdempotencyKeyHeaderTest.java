package io.stockledger.api.idempotency;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Idempotency-Key header over HTTP, with Redis (the real server at 127.0.0.1:6379) as the store. */
class IdempotencyKeyHeaderTest extends ServiceIntegrationTest {

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("ledger.redis.url", () -> "redis://127.0.0.1:6379");
    }

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();

    private Response reserve(String headerKey, String bodyKey, int quantity) {
        return client.postRaw("/v1/reserve", reserveBody(bodyKey, quantity), "Idempotency-Key", headerKey);
    }

    private String reserveBody(String bodyKey, int quantity) {
        return "{\"product_id\":\"" + product + "\",\"warehouse_id\":\"" + warehouse + "\",\"quantity\":"
                + quantity + ",\"idempotency_key\":\"" + bodyKey + "\",\"ttl_seconds\":300}";
    }

    @Test
    void aRepeatGetsTheStoredResponseAndNothingRuns() {
        client.receive(product, warehouse, 10);
        String key = LedgerClient.key();
        Response first = reserve(key, key, 3);
        long events = eventCount();

        Response repeat = reserve(key, key, 3);

        assertThat(repeat.status()).isEqualTo(first.status()).isEqualTo(200);
        assertThat(repeat.raw()).isEqualTo(first.raw());
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aStoredRefusalIsReplayedEvenAfterStockArrives() {
        client.receive(product, warehouse, 1);
        String key = LedgerClient.key();
        Response refused = reserve(key, key, 5);
        client.receive(product, warehouse, 10);

        Response repeat = reserve(key, key, 5);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(repeat.status()).isEqualTo(409);
        assertThat(repeat.raw()).isEqualTo(refused.raw());
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void theSameKeyForAnotherRequestIs422() {
        client.receive(product, warehouse, 10);
        String key = LedgerClient.key();
        reserve(key, key, 3);

        Response other = reserve(key, key, 4);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.text("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void headerAndBodyKeysMustMatch() {
        client.receive(product, warehouse, 10);

        Response mismatch = reserve(LedgerClient.key(), LedgerClient.key(), 1);

        assertThat(mismatch.status()).isEqualTo(422);
        assertThat(mismatch.text("code")).isEqualTo("IDEMPOTENCY_KEY_MISMATCH");
        assertThat(mismatch.body().path("errors").findValuesAsText("field")).containsExactly("idempotency_key");
    }

    @Test
    void theHeaderWorksOnEndpointsWithoutABodyKeyToo() {
        client.receive(product, warehouse, 10);
        String reservation = client.reserve(product, warehouse, 2, LedgerClient.key()).text("reservation_id");
        String key = LedgerClient.key();
        String body = "{\"reservation_id\":\"" + reservation + "\"}";

        Response first = client.postRaw("/v1/confirm", body, "Idempotency-Key", key);
        Response repeat = client.postRaw("/v1/confirm", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.raw()).isEqualTo(first.raw());
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void anUnusableKeyIs422() {
        Response response = client.postRaw("/v1/confirm", "{}", "Idempotency-Key", "has spaces in it");

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("errors").findValuesAsText("field")).containsExactly("Idempotency-Key");
    }

    @Test
    void aKeyBelongsToTheCallerTheSecurityContextNames() {
        client.receive(product, warehouse, 10);
        String key = LedgerClient.key();
        String body = reserveBody(key, 1);
        LedgerClient otherCaller = client.withToken(TestTokens.withRoles("another-checkout", "order-system"));

        Response first = client.postRaw("/v1/reserve", body, "Idempotency-Key", key);
        Response sameRequestOtherCaller = otherCaller.postRaw("/v1/reserve", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(sameRequestOtherCaller.status()).as("never another caller's stored answer").isEqualTo(422);
        assertThat(sameRequestOtherCaller.text("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(sameRequestOtherCaller.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aRequestRefusedForItsTokenClaimsNoKey() {
        client.receive(product, warehouse, 10);
        String key = LedgerClient.key();
        LedgerClient reader = client.withToken(TestTokens.withPermissions("reader", "inventory:read"));

        Response unauthenticated = client.withToken(null).postRaw("/v1/reserve", reserveBody(key, 1),
                "Idempotency-Key", key);
        Response forbidden = reader.postRaw("/v1/reserve", reserveBody(key, 1), "Idempotency-Key", key);
        Response permitted = reserve(key, key, 1);

        assertThat(unauthenticated.status()).isEqualTo(401);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(permitted.status()).isEqualTo(200);
        assertThat(permitted.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void redisIsAComponentOfHealth() {
        assertThat(management.get("/actuator/health").body().path("components").path("redis").path("status")
                .asText()).isEqualTo("UP");
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
