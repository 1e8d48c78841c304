package io.stockledger.api.web.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.support.LedgerClient;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented limits one by one, with a small body limit: 413 over it (declared or chunked), the stored-text rule
 * naming field and character, a token subject that cannot be recorded, an {@code Accept} that JSON does not satisfy,
 * and Tomcat's and the error page's own refusals as problem documents.
 */
@TestPropertySource(properties = "ledger.http.max-request-body=4KB")
class RequestLimitsTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final UUID product = UUID.randomUUID();
    private final UUID warehouse = UUID.randomUUID();

    @LocalServerPort
    private int port;

    private RawHttp http;

    @BeforeEach
    void connect() {
        http = new RawHttp("127.0.0.1", port);
    }

    @Test
    void aBodyOverTheLimitIs413WhetherDeclaredOrChunked() throws IOException {
        long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        String padded = receiveBody(LedgerClient.key(), " ".repeat(5_000));
        for (boolean chunked : new boolean[]{false, true}) {
            HostileRequest.Builder request = post("/v1/receive", padded);
            if (chunked) {
                request.chunked();
            }
            RawHttp.Reply reply = send(request.build());
            assertThat(reply.status()).as("chunked: %s", chunked).isEqualTo(413);
            JsonNode problem = problemOf(reply);
            assertThat(problem.path("code").asText()).isEqualTo("REQUEST_TOO_LARGE");
            assertThat(problem.path("max_body_bytes").asLong()).isEqualTo(4096);
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(eventsBefore);

        RawHttp.Reply within = send(post("/v1/receive", receiveBody(LedgerClient.key(), " ".repeat(3_000))).chunked()
                .build());
        assertThat(within.status()).as(within.text()).isEqualTo(200);
    }

    @Test
    void storedTextWithANulIs422NamingTheFieldAndTheCharacter() throws IOException {
        assertThat(client.receive(product, warehouse, 5).status()).isEqualTo(200);
        Map<String, Object> adjust = new LinkedHashMap<>(Map.of("product_id", product.toString(), "warehouse_id",
                warehouse.toString(), "quantity", 1, "reason", "FOUND", "idempotency_key", LedgerClient.key()));
        adjust.put("note", "abc\u0000");

        RawHttp.Reply reply = send(post("/v1/adjust", Json.write(adjust)).build());

        assertThat(reply.status()).isEqualTo(422);
        JsonNode error = problemOf(reply).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("note");
        assertThat(error.path("reason").asText()).isEqualTo("must not contain NUL (U+0000) (at character 3)");
    }

    @Test
    void aTokenWhoseSubjectCannotBeRecordedIs401() throws IOException {
        RawHttp.Reply reply = send(HostileRequest.to("GET", "GET", "/v1/stock/" + product + "/" + warehouse)
                .header("Authorization", "Bearer " + TestTokens.withRoles("sub\u0000ject", "admin")).build());

        assertThat(reply.status()).isEqualTo(401);
        assertThat(problemOf(reply).path("detail").asText()).contains("sub claim");
    }

    @Test
    void anAcceptJsonDoesNotSatisfyStillGetsTheOutcomeOfTheCommandAsJson() throws IOException {
        RawHttp.Reply reply = send(post("/v1/receive", receiveBody(LedgerClient.key(), ""))
                .header("Accept", "image/png").build());

        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(JSON.readTree(reply.body()).path("on_hand").asInt()).isEqualTo(5);
    }

    @Test
    void requestsTomcatRefusesAndTheErrorPageAreProblemDocuments() throws IOException {
        RawHttp.Reply hugeHeader = send(HostileRequest.to("GET", "GET", "/v1/stock/" + product + "/" + warehouse)
                .header("X-Huge", "h".repeat(20_000)).build());
        assertThat(hugeHeader.status()).isEqualTo(400);
        assertThat(problemOf(hugeHeader).path("code").asText()).isEqualTo("MALFORMED_REQUEST");

        RawHttp.Reply controlInHeader = send(HostileRequest.to("GET", "GET", "/v1/stock/" + product + "/" + warehouse)
                .header("Idempotency-Key", new byte[]{'k', 1, 'k'}).build());
        assertThat(controlInHeader.status()).isEqualTo(400);
        assertThat(problemOf(controlInHeader).path("code").asText()).isEqualTo("MALFORMED_REQUEST");

        RawHttp.Reply errorPage = send(HostileRequest.to("GET", "GET", "/error").header("Accept", "text/html").build());
        assertThat(errorPage.status()).isEqualTo(404);
        assertThat(problemOf(errorPage).path("code").asText()).isEqualTo("NOT_FOUND");
    }

    private String receiveBody(String key, String padding) {
        return "{\"product_id\":\"" + product + "\",\"warehouse_id\":\"" + warehouse + "\",\"quantity\":5,"
                + "\"idempotency_key\":\"" + key + "\"" + padding + "}";
    }

    private HostileRequest.Builder post(String path, String body) {
        return HostileRequest.to("POST " + path, "POST", path).header("Authorization", "Bearer " + TestTokens.admin())
                .header("Content-Type", "application/json").body(body);
    }

    private RawHttp.Reply send(HostileRequest request) {
        return http.exchange(request.head(), request.wireBody());
    }

    private static JsonNode problemOf(RawHttp.Reply reply) throws IOException {
        assertThat(reply.contentType()).as(reply.text()).startsWith("application/problem+json");
        return JSON.readTree(reply.body());
    }
}
