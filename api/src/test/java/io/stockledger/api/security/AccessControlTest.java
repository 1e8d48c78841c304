package io.stockledger.api.security;

import io.jsonwebtoken.Jwts;
import io.stockledger.api.support.ExpectedProblems;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every /v1 endpoint × (no token, a token without its permission, a token with exactly its permission):
 * 401, 403, success. Plus the ways a token can be unusable, roles, and the actor recorded in events.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@AutoConfigureObservability(tracing = false) // Spring's test support turns metrics export off unless asked
class AccessControlTest extends ServiceIntegrationTest {

    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();

    /** One endpoint: its permission, and a call that succeeds when permitted. */
    record Endpoint(String name, String permission, int success, Function<LedgerClient, Response> call) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeEach
    void stock() {
        if (client.stock(product, warehouse).status() == 404) {
            client.receive(product, warehouse, 1_000);
            client.receiveLot(product, warehouse, 10, "ACL-LOT", null);
        }
    }

    Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("POST /v1/receive", Permission.RECEIVE, 200,
                        c -> c.receive(product, warehouse, 1)),
                new Endpoint("POST /v1/reserve", Permission.RESERVE, 200,
                        c -> c.reserve(product, warehouse, 1, LedgerClient.key())),
                new Endpoint("POST /v1/confirm", Permission.CONFIRM, 200,
                        c -> c.confirm(freshReservation())),
                new Endpoint("POST /v1/release", Permission.RELEASE, 200,
                        c -> c.release(freshReservation())),
                new Endpoint("POST /v1/adjust", Permission.ADJUST, 200,
                        c -> c.adjust(product, warehouse, 1, "FOUND", LedgerClient.key())),
                new Endpoint("GET /v1/stock/{p}/{w}", Permission.READ, 200,
                        c -> c.stock(product, warehouse)),
                new Endpoint("GET /v1/availability", Permission.READ, 200,
                        c -> c.get("/v1/availability?product_id=" + product + "&product_id=" + UUID.randomUUID())),
                new Endpoint("GET /v1/reservations/{id}", Permission.READ, 404,
                        c -> c.get("/v1/reservations/" + UUID.randomUUID())),
                new Endpoint("POST /v1/admin/relay/replay", Permission.ADMIN, 409,
                        c -> c.post("/v1/admin/relay/replay", Map.of("from_position", 1, "to_position", 2))),
                new Endpoint("GET /v1/batches", Permission.READ, 200,
                        c -> c.get("/v1/batches?product_id=" + product)),
                new Endpoint("POST /v1/batches/quarantine", Permission.ADMIN, 200,
                        c -> c.post("/v1/batches/quarantine", lot("quarantine"))),
                new Endpoint("POST /v1/batches/quarantine/release", Permission.ADMIN, 200,
                        c -> c.post("/v1/batches/quarantine/release", lot("release"))),
                new Endpoint("PUT /v1/stock/{p}/{w}/picking-policy", Permission.ADMIN, 200,
                        c -> c.put("/v1/stock/" + product + "/" + warehouse + "/picking-policy",
                                Map.of("policy", "FEFO"))),
                new Endpoint("POST /v1/transfers", Permission.TRANSFER, 202,
                        c -> c.post("/v1/transfers", Map.of("product_id", product.toString(),
                                "from_warehouse_id", warehouse.toString(),
                                "to_warehouse_id", UUID.randomUUID().toString(), "quantity", 1,
                                "idempotency_key", LedgerClient.key()))),
                new Endpoint("GET /v1/transfers/{id}", Permission.READ, 404,
                        c -> c.get("/v1/transfers/" + UUID.randomUUID())),
                new Endpoint("POST /v1/orders/reserve", Permission.RESERVE, 200,
                        c -> c.post("/v1/orders/reserve", orderOfOne("acl-" + UUID.randomUUID()))),
                new Endpoint("POST /v1/orders/{id}/confirm", Permission.CONFIRM, 200,
                        c -> c.post("/v1/orders/" + freshOrder() + "/confirm", Map.of())),
                new Endpoint("POST /v1/orders/{id}/release", Permission.RELEASE, 200,
                        c -> c.post("/v1/orders/" + freshOrder() + "/release", Map.of())),
                new Endpoint("POST /v1/orders/{id}/lines/{line}/release", Permission.RELEASE, 200,
                        c -> c.post("/v1/orders/" + freshOrder() + "/lines/1/release", Map.of())),
                new Endpoint("GET /v1/orders/{id}", Permission.READ, 404,
                        c -> c.get("/v1/orders/no-such-order")),
                // audit jobs over one ledger: they end within moments (at most 2 run at once per instance)
                new Endpoint("POST /v1/audit/verify", Permission.AUDIT_READ, 202,
                        c -> c.post("/v1/audit/verify", ledgerScope())),
                new Endpoint("POST /v1/audit/reconcile", Permission.AUDIT_READ, 202,
                        c -> c.post("/v1/audit/reconcile", ledgerScope())),
                new Endpoint("GET /v1/audit/jobs/{id}", Permission.AUDIT_READ, 404,
                        c -> c.get("/v1/audit/jobs/" + UUID.randomUUID())),
                new Endpoint("GET /v1/audit/jobs/{id}/findings", Permission.AUDIT_READ, 404,
                        c -> c.get("/v1/audit/jobs/" + UUID.randomUUID() + "/findings")),
                // the console's lists (the live feed streams, so its 403 is checked in ConsoleApiTest)
                new Endpoint("GET /v1/console/session", Permission.READ, 200, c -> c.get("/v1/console/session")),
                new Endpoint("GET /v1/console/ledgers", Permission.READ, 200,
                        c -> c.get("/v1/console/ledgers?product_id=" + product)),
                new Endpoint("GET /v1/console/stock/{p}/{w}/reservations", Permission.READ, 200,
                        c -> c.get("/v1/console/stock/" + product + "/" + warehouse + "/reservations")),
                new Endpoint("GET /v1/console/transfers", Permission.READ, 200, c -> c.get("/v1/console/transfers")),
                new Endpoint("GET /v1/console/metrics", Permission.READ, 200, c -> c.get("/v1/console/metrics")));
    }

    private Map<String, Object> orderOfOne(String orderId) {
        return Map.of("order_id", orderId, "idempotency_key", LedgerClient.key(), "ttl_seconds", 300,
                "lines", List.of(Map.of("line_id", "1", "product_id", product.toString(), "quantity", 1,
                        "warehouse_id", warehouse.toString())));
    }

    /** An order reserved by the admin client, for the calls that need one. */
    private String freshOrder() {
        String orderId = "acl-" + UUID.randomUUID();
        assertThat(client.post("/v1/orders/reserve", orderOfOne(orderId)).status()).isEqualTo(200);
        return orderId;
    }

    private Map<String, String> ledgerScope() {
        return Map.of("product_id", product.toString(), "warehouse_id", warehouse.toString());
    }

    private Map<String, Object> lot(String reason) {
        return Map.of("product_id", product.toString(), "warehouse_id", warehouse.toString(),
                "batch_number", "ACL-LOT", "reason", reason);
    }

    @ParameterizedTest(name = "{0} without a token is 401")
    @MethodSource("endpoints")
    void withoutATokenIs401(Endpoint endpoint) {
        Response response = endpoint.call().apply(client.withToken(null));

        ExpectedProblems.assertProblem(response, 401, "UNAUTHENTICATED");
    }

    @ParameterizedTest(name = "{0} with every other permission is 403")
    @MethodSource("endpoints")
    void withoutThePermissionIs403(Endpoint endpoint) {
        String[] others = List.of(Permission.RECEIVE, Permission.RESERVE, Permission.CONFIRM, Permission.RELEASE,
                        Permission.ADJUST, Permission.TRANSFER, Permission.READ, Permission.ADMIN,
                        Permission.AUDIT_READ, Permission.AUDIT_ADMIN).stream()
                .filter(permission -> !permission.equals(endpoint.permission())).toArray(String[]::new);

        Response response = endpoint.call().apply(client.withToken(TestTokens.withPermissions("someone", others)));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.text("code")).isEqualTo("FORBIDDEN");
        assertThat(response.text("required_permission")).isEqualTo(endpoint.permission());
    }

    @ParameterizedTest(name = "{0} with only its permission succeeds")
    @MethodSource("endpoints")
    void withThePermissionSucceeds(Endpoint endpoint) {
        Response response = endpoint.call()
                .apply(client.withToken(TestTokens.withPermissions("someone", endpoint.permission())));

        assertThat(response.status()).isEqualTo(endpoint.success());
    }

    @Test
    void unusableTokensAre401() {
        String expired = Jwts.builder().subject("late").expiration(Date.from(Instant.now().minusSeconds(300)))
                .claim("roles", List.of("admin")).signWith(VerificationKeys.hmacKey(TestTokens.SECRET)).compact();
        String noExpiry = Jwts.builder().subject("forever").claim("roles", List.of("admin"))
                .signWith(VerificationKeys.hmacKey(TestTokens.SECRET)).compact();
        String otherKey = Jwts.builder().subject("forger").expiration(Date.from(Instant.now().plusSeconds(300)))
                .claim("roles", List.of("admin"))
                .signWith(VerificationKeys.hmacKey("another-secret-that-is-long-enough-for-hs256!!")).compact();

        for (String token : List.of("not-a-jwt", expired, noExpiry, otherKey, "")) {
            Response response = client.withToken(token).stock(product, warehouse);
            assertThat(response.status()).as("token %s", token).isEqualTo(401);
        }
        Response expiredResponse = client.withToken(expired).stock(product, warehouse);
        assertThat(expiredResponse.text("detail")).contains("expired");
    }

    @Test
    void aRoleGrantsItsConfiguredPermissions() {
        LedgerClient checkout = client.withToken(TestTokens.withRoles("checkout-service", "order-system"));

        String reservation = checkout.reserve(product, warehouse, 1, LedgerClient.key()).text("reservation_id");
        assertThat(checkout.confirm(reservation).status()).isEqualTo(200);
        assertThat(checkout.receive(product, warehouse, 1).status()).as("order systems do not receive goods")
                .isEqualTo(403);
    }

    @Test
    void theTokensSubjectIsTheActorOfEveryEvent() {
        LedgerClient checkout = client.withToken(TestTokens.withRoles("checkout-service", "order-system"));
        String reservation = checkout.reserve(product, warehouse, 2, LedgerClient.key()).text("reservation_id");

        String payload = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                 WHERE convert_from(payload, 'UTF8')::json->>'reservation_id' = ?""", String.class, reservation);
        assertThat(payload).contains("\"requester_id\":\"checkout-service\"");
    }

    @Test
    void unknownPathsNeedATokenBeforeTheyAre404() {
        assertThat(client.withToken(null).get("/v1/nothing-here").status()).isEqualTo(401);
        assertThat(client.get("/v1/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void healthAndPrometheusAreOpenOnTheManagementPortAndNowhereElse() {
        assertThat(management.get("/actuator/health").status()).isEqualTo(200);
        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        LedgerClient.Response prometheus = management.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.raw()).contains("inventory_race_conditions_total");
        assertThat(client.withToken(null).get("/actuator/health").status()).isEqualTo(404);
    }

    private String freshReservation() {
        return client.reserve(product, warehouse, 1, LedgerClient.key()).text("reservation_id");
    }
}
