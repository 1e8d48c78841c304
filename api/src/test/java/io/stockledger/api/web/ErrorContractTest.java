package io.stockledger.api.web;

import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a problem+json with a stable code (and, for 422, the field and the reason), never a 500, and
 * never a partial write.
 */
class ErrorContractTest extends ServiceIntegrationTest {

    private static final UUID PRODUCT = UUID.randomUUID();
    private static final UUID WAREHOUSE = UUID.randomUUID();

    private long eventsBefore;

    @BeforeEach
    void stockAndCountEvents() {
        if (client.stock(PRODUCT, WAREHOUSE).status() == 404
                && jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class) == 0) {
            assertThat(client.receive(PRODUCT, WAREHOUSE, 10).status()).isEqualTo(200);
        }
        eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of("quantity", 0), Arguments.of("quantity", 1001), Arguments.of("quantity", -1),
                Arguments.of("ttl_seconds", 59), Arguments.of("ttl_seconds", 3601),
                Arguments.of("idempotency_key", "k".repeat(31)), Arguments.of("idempotency_key", "k".repeat(129)),
                Arguments.of("product_id", "not-a-uuid"), Arguments.of("warehouse_id", ""));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("outOfRange")
    void reserveValuesOutOfRangeAre422NamingTheField(String field, Object value) {
        Map<String, Object> body = LedgerClient.reserveBody(PRODUCT, WAREHOUSE, 1, LedgerClient.key(), 300);
        body.put(field, value);

        Response response = client.post("/v1/reserve", body);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(response.body().path("errors").findValuesAsText("field")).containsExactly(field);
        assertThat(response.body().path("errors").get(0).path("reason").asText()).isNotBlank();
        assertNothingWritten();
    }

    @Test
    void everyMissingRequiredFieldIsListed() {
        Response response = client.post("/v1/reserve", Map.of("quantity", 5));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("errors").findValuesAsText("field"))
                .containsExactly("idempotency_key", "product_id", "ttl_seconds", "warehouse_id");
    }

    @Test
    void malformedJsonIs400() {
        Response response = client.postRaw("/v1/reserve", "{\"product_id\": ");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("MALFORMED_REQUEST");
        assertNothingWritten();
    }

    @Test
    void aWrongTypeIs400NamingTheField() {
        Map<String, Object> body = LedgerClient.reserveBody(PRODUCT, WAREHOUSE, 1, LedgerClient.key(), 300);
        body.put("quantity", "five");

        Response response = client.post("/v1/reserve", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("code")).isEqualTo("INVALID_TYPE");
        assertThat(response.body().path("errors").findValuesAsText("field")).containsExactly("quantity");
    }

    @Test
    void aFractionalQuantityIsNotSilentlyTruncated() {
        Map<String, Object> body = LedgerClient.reserveBody(PRODUCT, WAREHOUSE, 1, LedgerClient.key(), 300);
        body.put("quantity", 1.5);

        assertThat(client.post("/v1/reserve", body).status()).isEqualTo(400);
        assertNothingWritten();
    }

    @Test
    void anUnknownFieldIsRejectedWith400() {
        Map<String, Object> body = LedgerClient.reserveBody(PRODUCT, WAREHOUSE, 1, LedgerClient.key(), 300);
        body.put("quantiy", 3);

        Response response = client.post("/v1/reserve", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("code")).isEqualTo("UNKNOWN_FIELD");
        assertThat(response.body().path("errors").findValuesAsText("field")).containsExactly("quantiy");
        assertNothingWritten();
    }

    @Test
    void anUnknownAdjustmentReasonIs422ListingTheAllowedOnes() {
        Response response = client.adjust(PRODUCT, WAREHOUSE, -1, "BROKEN", LedgerClient.key());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("reason");
        assertThat(response.body().path("errors").get(0).path("reason").asText()).contains("COUNT_CORRECTION");
        assertNothingWritten();
    }

    @Test
    void aZeroAdjustmentIs422() {
        Response response = client.adjust(PRODUCT, WAREHOUSE, 0, "FOUND", LedgerClient.key());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.body().path("errors").findValuesAsText("field")).containsExactly("quantity");
    }

    @Test
    void reservingMoreThanAvailableIs409WithTheFigures() {
        Response response = client.reserve(PRODUCT, WAREHOUSE, 11, LedgerClient.key());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("code")).isEqualTo("INSUFFICIENT_STOCK");
        assertThat(response.number("requested")).isEqualTo(11);
        assertThat(response.number("available")).isEqualTo(10);
        assertNothingWritten();
    }

    @Test
    void reservingAProductNeverReceivedIs409() {
        Response response = client.reserve(UUID.randomUUID(), WAREHOUSE, 1, LedgerClient.key());

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.number("available")).isZero();
    }

    @Test
    void unknownReservationIs404() {
        Response confirm = client.confirm(UUID.randomUUID().toString());
        Response release = client.release(UUID.randomUUID().toString());
        Response get = client.get("/v1/reservations/" + UUID.randomUUID());

        assertThat(confirm.status()).isEqualTo(404);
        assertThat(confirm.text("code")).isEqualTo("RESERVATION_NOT_FOUND");
        assertThat(release.status()).isEqualTo(404);
        assertThat(get.status()).isEqualTo(404);
    }

    @Test
    void adjustingAProductNeverReceivedIs404() {
        Response response = client.adjust(UUID.randomUUID(), WAREHOUSE, 5, "FOUND", LedgerClient.key());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("code")).isEqualTo("STOCK_LEDGER_NOT_FOUND");
        assertNothingWritten();
    }

    @Test
    void stockOfAnUnknownSkuIs404AndAMalformedIdIs422() {
        assertThat(client.stock(UUID.randomUUID(), WAREHOUSE).status()).isEqualTo(404);
        Response malformed = client.get("/v1/stock/abc/" + WAREHOUSE);
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.body().path("errors").findValuesAsText("field")).containsExactly("product_id");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        Response noSuchPath = client.post("/v1/no-such-thing", Map.of());
        Response wrongMethod = client.get("/v1/reserve");

        assertThat(noSuchPath.status()).isEqualTo(404);
        assertThat(noSuchPath.contentType()).startsWith("application/problem+json");
        assertThat(noSuchPath.text("code")).isEqualTo("NOT_FOUND");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.text("code")).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void anUnknownPathIsNamedInTheApisWordsNotAsAStaticResource() {
        Response withToken = client.get("/v1/foo");
        Response outsideTheApi = client.withToken(null).get("/foo");

        assertThat(withToken.status()).isEqualTo(404);
        assertThat(withToken.contentType()).startsWith("application/problem+json");
        assertThat(withToken.text("code")).isEqualTo("NOT_FOUND");
        assertThat(withToken.text("detail")).isEqualTo("no such endpoint: GET /v1/foo");
        assertThat(withToken.text("instance")).isEqualTo("/v1/foo");
        assertThat(withToken.text("trace_id")).isEqualTo(withToken.traceId());
        assertThat(outsideTheApi.status()).isEqualTo(404);
        assertThat(outsideTheApi.text("code")).isEqualTo("NOT_FOUND");
        assertThat(outsideTheApi.text("detail")).isEqualTo("no such endpoint: GET /foo");
        assertThat(withToken.raw() + outsideTheApi.raw()).doesNotContain("static resource");
    }

    @Test
    void anUnknownV1PathWithoutATokenAsksForOneFirst() {
        // paths under /v1 are not probed anonymously: a token first, then the 404 above
        Response anonymous = client.withToken(null).get("/v1/foo");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.text("code")).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.raw()).doesNotContain("static resource");
    }

    @Test
    void replayingToNatsWithoutARelayIs409() {
        Response response = client.post("/v1/admin/relay/replay", Map.of("from_position", 1, "to_position", 5));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.text("code")).isEqualTo("RELAY_DISABLED");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("urn:stock-ledger:problem:relay-disabled");
        assertThat(response.text("instance")).isEqualTo("/v1/admin/relay/replay");
        assertThat(response.traceId()).isNotBlank();
        assertThat(response.text("trace_id")).isEqualTo(response.traceId());
    }

    @Test
    void theTraceIdIsEchoedOnErrors() {
        Response response = client.post("/v1/reserve", Map.of());

        assertThat(response.traceId()).isNotBlank();
        assertThat(response.text("trace_id")).isEqualTo(response.traceId());
    }

    private void assertNothingWritten() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .as("events in the store").isEqualTo(eventsBefore);
    }
}
