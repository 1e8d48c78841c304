package io.stockledger.api.web.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hostile-input corpus (issue 16): well over a thousand requests over every /v1 operation of the OpenAPI document,
 * with hostile text in every string field, path and query parameter and header, wrong types and odd numbers, broken
 * and oversized bodies, odd content types and request lines. Whatever arrives:
 * <ul>
 *   <li>never a 5xx;</li>
 *   <li>every 4xx is an {@code application/problem+json} document with a {@code code}, and a field-level refusal
 *       names the field, parameter or header attacked;</li>
 *   <li>a refused request writes nothing (no event, no claimed idempotency key);</li>
 *   <li>accepted free text is stored exactly: read back from the event store and the read models, it is what was
 *       sent.</li>
 * </ul>
 */
class HostileInputTest extends ServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SANE_TRACE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /**
     * Operations answered with a stream that stays open: the corpus's raw client reads an answer to its end, so these
     * are attacked by {@link #theLiveFeedsHostileParametersAreRefusedAsProblems()}, which reads the status and headers only.
     */
    private static final Set<String> STREAMS = Set.of("GET /v1/console/feed");
    private static final Set<String> FIELD_CODES = Set.of("VALIDATION_FAILED", "INVALID_TYPE");

    @LocalServerPort
    private int port;

    private java.util.UUID destination;

    @Test
    void noHostileRequestIsAnswered5xxOrWithoutAProblemOrWritesWhenRefused() throws IOException {
        CorpusLedgers ledgers = new CorpusLedgers(client);
        ledgers.create();
        destination = ledgers.otherWarehouse;
        String token = TestTokens.admin();
        HostileCorpus corpus = new HostileCorpus(token);
        List<Endpoint> endpoints = ledgers.endpoints();
        endpoints.forEach(corpus::add);
        Endpoint receive = endpoints.getFirst();
        Endpoint stock = endpoints.stream().filter(e -> e.template().equals("/v1/stock/{product_id}/{warehouse_id}"))
                .findFirst().orElseThrow();
        corpus.headers(receive, () -> TestTokens.withRoles("sub\u0000ject\u001b", "admin"));
        corpus.headers(stock, () -> TestTokens.withRoles("s".repeat(300), "admin"));
        corpus.requestLines(receive);
        corpus.requestLines(stock);

        assertThat(operationsOf(corpus.requests())).as("the corpus covers every /v1 operation of the OpenAPI document")
                .containsExactlyInAnyOrderElementsOf(documentedOperations().stream()
                        .filter(operation -> !STREAMS.contains(operation)).toList());
        assertThat(corpus.requests()).hasSizeGreaterThan(1_000);

        RawHttp http = new RawHttp("127.0.0.1", port);
        List<String> failures = new ArrayList<>();
        List<HostileRequest> accepted = new ArrayList<>();
        Map<String, Long> nanosPerOperation = new TreeMap<>();
        long corpusStarted = System.nanoTime();
        long claimedBefore = claimedKeys();
        for (HostileRequest request : inRunningOrder(corpus.requests())) {
            long started = System.nanoTime();
            RawHttp.Reply reply = http.exchange(request.head(), request.wireBody());
            nanosPerOperation.merge(request.operation, System.nanoTime() - started, Long::sum);
            failures.addAll(judge(request, reply));
            long claimedAfter = claimedKeys();
            if (reply.status() >= 400 && (claimedAfter != claimedBefore || recordedTraceOf(reply))) {
                failures.add(request + ": refused with " + reply.status() + " but wrote to the ledger");
            }
            claimedBefore = awaitArrival(reply) ? claimedKeys() : claimedAfter;
            if (reply.status() < 300 && request.storedText != null) {
                accepted.add(request);
            }
            if (request.operation.startsWith("POST /v1/audit/") || request.operation.startsWith("POST /v1/admin/")) {
                awaitAuditJobs();
            }
        }
        System.out.printf("hostile corpus: %d requests in %d ms%n", corpus.requests().size(),
                (System.nanoTime() - corpusStarted) / 1_000_000);
        nanosPerOperation.forEach((operation, nanos) -> System.out.printf("hostile corpus: %-60s %6d ms%n",
                operation, nanos / 1_000_000));
        assertThat(failures).as("requests answered wrongly, of %d", corpus.requests().size()).isEmpty();
        assertThat(accepted).as("some hostile text is accepted (emoji, marks, scripts)").hasSizeGreaterThan(50);
        assertStoredExactly(ledgers, accepted);
    }

    /**
     * Audit jobs and rebuilds first, while the store is small: each accepted one replays it, and the corpus waits for
     * it to end.
     */
    private static List<HostileRequest> inRunningOrder(List<HostileRequest> requests) {
        List<HostileRequest> ordered = new ArrayList<>(requests);
        ordered.sort(java.util.Comparator.comparing(request -> !(request.operation.startsWith("POST /v1/audit/")
                || request.operation.startsWith("POST /v1/admin/read-models/"))));
        return ordered;
    }

    /** A transfer is received by its destination moments after it is accepted; those writes are not the next case's. */
    private boolean awaitArrival(RawHttp.Reply reply) {
        String location = reply.header("Location");
        if (reply.status() != 202 || location == null || !location.contains("/v1/transfers/")) {
            return false;
        }
        String path = location.substring(location.indexOf("/v1/transfers/"));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> !"IN_TRANSIT".equals(client.get(path).text("status")));
        return true;
    }

    private List<String> judge(HostileRequest request, RawHttp.Reply reply) {
        List<String> failures = new ArrayList<>();
        int status = reply.status();
        String traceId = reply.header("X-Trace-ID");
        if (traceId != null && !SANE_TRACE_ID.matcher(traceId).matches()) {
            failures.add(request + ": echoed an unsafe X-Trace-ID");
        }
        if (status >= 500) {
            failures.add(request + ": answered " + status + " " + abbreviate(reply.text()));
            return failures;
        }
        if (status < 400 || "HEAD".equals(request.method)) {
            return failures;
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            failures.add(request + ": " + status + " as " + reply.contentType() + ": " + abbreviate(reply.text()));
            return failures;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(reply.body());
        } catch (IOException notJson) {
            failures.add(request + ": " + status + " problem is not JSON: " + abbreviate(reply.text()));
            return failures;
        }
        if (problem.path("code").asText().isBlank() || problem.path("status").asInt() != status) {
            failures.add(request + ": " + status + " problem without code or with another status: " + problem);
        }
        String code = problem.path("code").asText();
        if (FIELD_CODES.contains(code)) {
            List<String> fields = new ArrayList<>();
            for (JsonNode error : problem.path("errors")) {
                fields.add(error.path("field").asText());
                if (error.path("reason").asText().isBlank()) {
                    failures.add(request + ": an error without a reason: " + problem);
                }
            }
            if (fields.isEmpty()) {
                failures.add(request + ": " + code + " without errors: " + problem);
            } else if (request.field != null && !fields.contains(request.field)) {
                failures.add(request + ": " + code + " does not name " + request.field + ": " + fields);
            }
        }
        return failures;
    }

    /**
     * Keys claimed, except by the transfers' destination: its receipts are claimed moments after a transfer was
     * accepted, by then during another request.
     */
    private long claimedKeys() {
        return jdbc.queryForObject("SELECT count(*) FROM ledger_request WHERE warehouse_id IS DISTINCT FROM ?",
                Long.class, destination);
    }

    /**
     * Whether an event records the request's trace id: a refused request must leave none, nor claim a key. (Counting
     * all events would not do: an accepted transfer's arrival is written moments later, by then during another
     * request.)
     */
    private boolean recordedTraceOf(RawHttp.Reply reply) {
        String traceId = reply.header("X-Trace-ID");
        return traceId != null && jdbc.queryForObject("SELECT count(*) FROM domain_event_entry"
                + " WHERE position(? IN convert_from(payload, 'UTF8')) > 0"
                + " OR position(? IN convert_from(meta_data, 'UTF8')) > 0", Long.class, traceId, traceId) > 0;
    }

    /** Audit jobs and rebuilds started by accepted requests run one at a time, as a real auditor's would. */
    private void awaitAuditJobs() {
        if (runningAuditJobs() > 0) {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> runningAuditJobs() == 0);
        }
    }

    private long runningAuditJobs() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_job WHERE status = 'RUNNING'", Long.class);
    }

    private void assertStoredExactly(CorpusLedgers ledgers, List<HostileRequest> accepted) {
        Set<String> stored = new HashSet<>();
        collectTexts(eventsOf(ledgers), stored);
        for (HostileRequest request : accepted) {
            if (!request.operation.equals("POST /v1/orders/reserve")) { // an order's key is kept with the order
                assertThat(stored).as("%s: the text stored in the event store", request).contains(request.storedText);
            }
            if (request.field.equals("idempotency_key")) {
                assertThat(jdbc.queryForObject("SELECT count(*) FROM ledger_request WHERE idempotency_key = ?",
                        Long.class, request.storedText)).as("%s: the claimed key", request).isEqualTo(1);
            }
        }
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            Set<String> notes = new HashSet<>();
            collectTexts(client.get("/v1/ledger/movements?limit=1000&product_id=" + ledgers.product).body(), notes);
            Set<String> locations = new HashSet<>();
            collectTexts(client.get("/v1/batches?limit=1000&product_id=" + ledgers.product + "&warehouse_id="
                    + ledgers.warehouse).body(), locations);
            for (HostileRequest request : accepted) {
                if (request.field.equals("note") || request.field.equals("reason")) {
                    assertThat(notes).as("%s: the note in the movement journal", request).contains(request.storedText);
                }
                if (request.field.equals("location")) {
                    assertThat(locations).as("%s: the lot's location", request).contains(request.storedText);
                }
            }
        });
    }

    private List<JsonNode> eventsOf(CorpusLedgers ledgers) {
        List<JsonNode> pages = new ArrayList<>();
        for (java.util.UUID warehouse : List.of(ledgers.warehouse, ledgers.otherWarehouse)) {
            long from = 0;
            while (true) {
                JsonNode page = client.get("/v1/ledger/" + ledgers.product + "/" + warehouse
                        + "/events?limit=1000&from_sequence=" + from).body();
                pages.add(page);
                if (!page.path("next_from_sequence").isNumber()) {
                    break;
                }
                from = page.path("next_from_sequence").asLong();
            }
        }
        return pages;
    }

    private static void collectTexts(Object nodes, Set<String> texts) {
        if (nodes instanceof List<?> list) {
            list.forEach(node -> collectTexts(node, texts));
            return;
        }
        JsonNode node = (JsonNode) nodes;
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
            collectTexts(children.next(), texts);
        }
    }

    @Test
    void theLiveFeedsHostileParametersAreRefusedAsProblems() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (String parameter : List.of("warehouse_id", "from_position")) {
            for (HostileStrings.Hostile hostile : HostileStrings.sample()) {
                if (hostile.value().isEmpty() || hostile.value().length() > 2_000) {
                    continue; // an empty value is an absent one: the stream would open, as it should
                }
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/v1/console/feed?" + parameter + "=" + Endpoint.encode(hostile.value())))
                        .header("Authorization", "Bearer " + TestTokens.admin())
                        .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET().build();
                HttpResponse<InputStream> reply = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = reply.body()) {
                    sent++;
                    String type = reply.headers().firstValue("Content-Type").orElse("");
                    if (reply.statusCode() < 400 || reply.statusCode() >= 500
                            || !type.startsWith("application/problem+json")) {
                        failures.add(parameter + ": " + hostile.name() + " -> " + reply.statusCode() + " " + type);
                    }
                }
            }
        }
        assertThat(sent).as("hostile feed requests sent").isGreaterThan(10);
        assertThat(failures).as("hostile feed parameters answered otherwise than a 4xx problem").isEmpty();
    }

    private Set<String> documentedOperations() throws IOException {
        JsonNode document = JSON.readTree(client.get("/v3/api-docs").raw());
        Set<String> operations = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (path.getKey().startsWith("/v1/")) {
                path.getValue().fieldNames().forEachRemaining(method -> {
                    if (Set.of("get", "post", "put", "delete", "patch").contains(method)) {
                        operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                });
            }
        });
        assertThat(operations).as("the OpenAPI document's /v1 operations").hasSizeGreaterThan(20);
        return operations;
    }

    private static Set<String> operationsOf(List<HostileRequest> requests) {
        Set<String> operations = new TreeSet<>();
        requests.forEach(request -> operations.add(request.operation));
        return operations;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
