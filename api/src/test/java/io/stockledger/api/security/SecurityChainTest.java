package io.stockledger.api.security;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.stockledger.api.support.ExpectedProblems;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import javax.crypto.SecretKey;
import java.lang.reflect.Field;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security chain over HTTP: every way a bearer token is refused is a 401 problem document giving the reason in
 * the API's words; a missing permission is a 403 naming it, decided before the request body is read; and a /v1
 * handler that declares no permission is refused to everyone (this test adds one). Refusals are problem documents and
 * count in the reservation metrics.
 */
@AutoConfigureObservability(tracing = false) // Spring's test support turns metrics export off unless asked
class SecurityChainTest extends ServiceIntegrationTest {

    private static final SecretKey KEY = (SecretKey) VerificationKeys.hmacKey(TestTokens.SECRET);
    private static final AtomicInteger UNDECLARED_CALLS = new AtomicInteger();

    /** A /v1 handler someone forgot to give a permission. */
    @RestController
    static class UndeclaredController {

        @GetMapping("/v1/test-only/undeclared")
        Map<String, String> undeclared() {
            UNDECLARED_CALLS.incrementAndGet();
            return Map.of("reached", "yes");
        }
    }

    @TestConfiguration
    static class WithAnUndeclaredHandler {

        @Bean
        UndeclaredController undeclaredController() {
            return new UndeclaredController();
        }
    }

    private final String reservation = "/v1/reservations/" + UUID.randomUUID();

    @Test
    void withoutABearerTokenTheProblemSaysWhatIsNeeded() {
        String needed = "an Authorization: Bearer <token> header is required";

        assertUnauthenticated(client.withToken(null).get(reservation), needed);
        assertUnauthenticated(anonymous().get(reservation, "Authorization", "Basic dXNlcjpwYXNz"), needed);
    }

    @Test
    void eachUnusableTokenIsRefusedWithItsReason() {
        Instant now = Instant.now();
        SecretKey longerSecret = new SecretKeySpec(("another-secret-long-enough-for-hs512-" + "y".repeat(40))
                .getBytes(StandardCharsets.UTF_8), "HmacSHA512");

        assertUnauthenticated(anonymous().get(reservation, "Authorization", "Bearer "), "the token is malformed");
        assertUnauthenticated(anonymous().get(reservation, "Authorization", "Bearer not a jwt"),
                "the token is malformed");
        assertUnauthenticated(call("not-a-jwt"), "the token is malformed");
        assertUnauthenticated(call(valid(now).signWith(new SecretKeySpec(
                        "a-different-secret-of-32-bytes-or-more".getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .compact()), "the token's signature does not verify");
        assertUnauthenticated(call(valid(now).signWith(longerSecret, Jwts.SIG.HS512).compact()),
                "the token uses an algorithm this service does not accept");
        assertUnauthenticated(call(Jwts.builder().subject("anyone").expiration(Date.from(now.plusSeconds(60)))
                .compact()), "the token uses an algorithm this service does not accept");
        assertUnauthenticated(call(valid(now).expiration(Date.from(now.minusSeconds(60))).compact()),
                "the token has expired");
        assertUnauthenticated(call(valid(now).notBefore(Date.from(now.plus(Duration.ofMinutes(5)))).compact()),
                "the token is not valid yet");
        assertUnauthenticated(call(valid(now).issuedAt(Date.from(now.plus(Duration.ofMinutes(5)))).compact()),
                "the token is not valid yet");
        assertUnauthenticated(call(valid(now).issuedAt(Date.from(now))
                        .expiration(Date.from(now.plus(Duration.ofHours(25)))).compact()),
                "the token's lifetime exceeds the maximum of 24h");
        assertUnauthenticated(call(valid(now).expiration(Date.from(now.plus(Duration.ofDays(30)))).compact()),
                "the token's lifetime exceeds the maximum of 24h");
        assertUnauthenticated(call(Jwts.builder().subject("forever").claim("roles", List.of("admin")).signWith(KEY)
                .compact()), "the token has no exp claim");
    }

    @Test
    void anRs256TokenIsRefusedWhileTheServiceVerifiesWithASecret() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);

        assertUnauthenticated(call(valid(Instant.now()).signWith(generator.generateKeyPair().getPrivate(),
                Jwts.SIG.RS256).compact()), "the token uses an algorithm this service does not accept");
    }

    @Test
    void aTokenAtTheMaximumLifetimeIsAccepted() {
        Instant now = Instant.now();

        assertThat(call(valid(now).issuedAt(Date.from(now)).expiration(Date.from(now.plus(Duration.ofHours(24))))
                .compact()).status()).isEqualTo(404);
    }

    @Test
    void aMissingPermissionIsTheForbiddenProblemNamingIt() {
        Response response = client.withToken(TestTokens.withRoles("auditor-1", "auditor"))
                .post("/v1/admin/relay/replay", Map.of("from_position", 1, "to_position", 2));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("urn:stock-ledger:problem:forbidden");
        assertThat(response.text("title")).isEqualTo("Forbidden");
        assertThat(response.number("status")).isEqualTo(403);
        assertThat(response.text("code")).isEqualTo("FORBIDDEN");
        assertThat(response.text("detail")).isEqualTo("this endpoint needs the permission inventory:admin");
        assertThat(response.text("required_permission")).isEqualTo("inventory:admin");
        assertThat(response.text("instance")).isEqualTo("/v1/admin/relay/replay");
        assertThat(response.text("trace_id")).isEqualTo(response.traceId());
    }

    @Test
    void v1AnswersCarrySpringSecuritysDefaultHeaders() {
        Response response = client.get(reservation);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }

    @Test
    void thePermissionIsCheckedBeforeTheBodyIsRead() {
        LedgerClient auditor = client.withToken(TestTokens.withRoles("auditor-1", "auditor"));

        Response invalidBody = auditor.post("/v1/receive", Map.of());
        Response notJson = auditor.postRaw("/v1/receive", "{\"product_id\": ");

        assertThat(invalidBody.status()).as("not 422").isEqualTo(403);
        assertThat(notJson.status()).as("not 400").isEqualTo(403);
        assertThat(invalidBody.text("required_permission")).isEqualTo("inventory:receive");
    }

    @Test
    void aHeadRequestNeedsTheGetEndpointsPermission() {
        String onlyReceive = TestTokens.withPermissions("receiver", Permission.RECEIVE);
        String reader = TestTokens.withPermissions("reader", Permission.READ);

        assertThat(client.withToken(onlyReceive).head(reservation).status()).isEqualTo(403);
        assertThat(client.withToken(reader).head(reservation).status()).isEqualTo(404);
    }

    @Test
    void aHandlerWithoutADeclaredPermissionIsRefusedToEveryone() {
        String everyPermission = TestTokens.withPermissions("everything", Permission.RECEIVE, Permission.RESERVE,
                Permission.CONFIRM, Permission.RELEASE, Permission.ADJUST, Permission.TRANSFER, Permission.READ,
                Permission.ADMIN, Permission.AUDIT_READ, Permission.AUDIT_ADMIN);

        Response withEveryPermission = client.withToken(everyPermission).get("/v1/test-only/undeclared");
        Response withoutToken = client.withToken(null).get("/v1/test-only/undeclared");

        assertThat(withEveryPermission.status()).isEqualTo(403);
        assertThat(withEveryPermission.text("code")).isEqualTo("FORBIDDEN");
        assertThat(withEveryPermission.text("required_permission")).isEqualTo("(none declared for this endpoint)");
        assertThat(withoutToken.status()).isEqualTo(401);
        assertThat(UNDECLARED_CALLS.get()).as("the handler never ran").isZero();
    }

    @Autowired
    @Qualifier("springSecurityFilterChain")
    private Filter securityFilter;

    @Autowired
    private HttpFirewall firewall;

    @Test
    void theChainChecksRequestsWithTheServicesFirewall() {
        // Spring Security wraps the proxy it built in others of its own (6.5: two), whose firewalls are never used:
        // the innermost checks each request
        Object checking = securityFilter;
        for (Field inner = wrapped(checking); inner != null; inner = wrapped(checking)) {
            checking = ReflectionTestUtils.getField(checking, inner.getName());
        }

        assertThat(checking).isInstanceOf(FilterChainProxy.class);
        assertThat(ReflectionTestUtils.getField(checking, "firewall")).isSameAs(firewall);
    }

    private static Field wrapped(Object proxy) {
        return ReflectionUtils.findField(proxy.getClass(), "springSecurityFilterChain");
    }

    @Test
    void aRequestTheFirewallRefusesIsAMalformedRequestProblem() {
        Response response = client.get("/v1/reservations;jsessionid=1/" + UUID.randomUUID());

        ExpectedProblems.assertProblem(response, 400, "MALFORMED_REQUEST");
        assertThat(response.text("trace_id")).isEqualTo(response.traceId());
    }

    @Test
    void reservationsRefusedByTheChainAreCountedAsUnauthorized() {
        UUID product = UUID.randomUUID();
        Map<String, Object> body = LedgerClient.reserveBody(product, UUID.randomUUID(), 1, LedgerClient.key(), 300);

        assertThat(anonymous().post("/v1/reserve", body).status()).isEqualTo(401);
        assertThat(client.withToken(TestTokens.withRoles("auditor-1", "auditor")).post("/v1/reserve", body).status())
                .isEqualTo(403);

        String metrics = management.get("/actuator/prometheus").raw();
        Matcher unauthorized = Pattern.compile(
                "(?m)^inventory_reservation_attempts_total\\{result=\"unauthorized\"[^\\n]* ([0-9.eE+-]+)$")
                .matcher(metrics);
        assertThat(unauthorized.find()).as(metrics).isTrue();
        assertThat(Double.parseDouble(unauthorized.group(1))).isEqualTo(2);
    }

    @Test
    void outsideV1NoTokenIsLookedAt() {
        assertThat(anonymous().get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous().get("/v3/api-docs", "Authorization", "Bearer not-a-jwt").status()).isEqualTo(200);
        assertThat(management.get("/actuator/health", "Authorization", "Bearer not-a-jwt").status()).isEqualTo(200);
    }

    /** A token the service accepts as it is: a subject with the admin role, five minutes to live. */
    private static JwtBuilder valid(Instant now) {
        return Jwts.builder().subject("policy-test").claim("roles", List.of("admin"))
                .expiration(Date.from(now.plusSeconds(300))).signWith(KEY);
    }

    private Response call(String token) {
        return client.withToken(token).get(reservation);
    }

    private LedgerClient anonymous() {
        return client.withToken(null);
    }

    private static void assertUnauthenticated(Response response, String detail) {
        assertThat(response.status()).as(response.raw()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.text("type")).isEqualTo("urn:stock-ledger:problem:unauthenticated");
        assertThat(response.text("title")).isEqualTo("Unauthenticated");
        assertThat(response.number("status")).isEqualTo(401);
        assertThat(response.text("code")).isEqualTo("UNAUTHENTICATED");
        assertThat(response.text("detail")).isEqualTo(detail);
        assertThat(response.text("instance")).startsWith("/v1/reservations/");
        assertThat(response.text("trace_id")).isEqualTo(response.traceId());
    }
}
