package io.stockledger.api.web.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.support.LedgerClient.Response;
import io.stockledger.api.support.ServiceIntegrationTest;
import io.stockledger.api.support.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.stockledger.api.web.audit.MovementJournalTest.CSV_HEADER;
import static io.stockledger.api.web.audit.MovementJournalTest.HTTP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The CSV export of a journal far larger than a page: every row arrives exactly once, quoting survives line breaks,
 * and an export cut off midway is visibly incomplete. The rows are inserted straight into {@code stock_movement}
 * (at global positions no real event of this test reaches), which is what the journal holds after a busy year.
 *
 * <p>Memory is not measured here. The export's code path reads through a database cursor with a fetch size inside a
 * read-only transaction ({@code MovementJournalReader}) and writes each row to the response as it comes
 * ({@code MovementJournalController}); {@link #anExportCutOffMidwayIsVisiblyIncomplete} shows the cursor's
 * transaction still open while the client has read only the header.
 */
class MovementExportTest extends ServiceIntegrationTest {

    private static final int ROWS = 5_000;

    /** Inserted once for the class (every test of the class shares its database). */
    private static UUID bigProduct;

    @Test
    void everyRowOfALargeJournalIsExportedOnce() throws Exception {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        insertJournal(product, warehouse, ROWS, 1_000_000);

        HttpResponse<String> exported = HTTP.send(csvRequest(product, TestTokens.admin()),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<List<String>> records = Csv.parse(exported.body());
        assertThat(records.getFirst()).isEqualTo(CSV_HEADER);
        List<List<String>> rows = records.subList(1, records.size());
        assertThat(rows).hasSize(ROWS);

        List<Long> positions = rows.stream().map(row -> Long.parseLong(row.get(0))).toList();
        assertThat(positions).doesNotHaveDuplicates().isSorted();
        assertThat(positions.getFirst()).isEqualTo(1_000_001L);
        assertThat(positions.getLast()).isEqualTo(1_000_000L + ROWS);
        long onHand = rows.stream().mapToLong(row -> Long.parseLong(row.get(CSV_HEADER.indexOf("on_hand_delta"))))
                .sum();
        assertThat(onHand).isEqualTo(jdbc.queryForObject(
                "SELECT sum(on_hand_delta) FROM stock_movement WHERE product_id = ?", Long.class, product));
        List<String> notes = rows.stream().map(row -> row.get(CSV_HEADER.indexOf("note"))).toList();
        assertThat(notes).isEqualTo(jdbc.queryForList(
                "SELECT coalesce(note, '') FROM stock_movement WHERE product_id = ? ORDER BY global_position",
                String.class, product));
        assertThat(notes).contains("line one\nline \"two\", end", "line one\r\nline \"two\", end");
    }

    @Test
    void theJsonPagesWalkTheSameLargeJournal() {
        UUID product = UUID.randomUUID();
        UUID warehouse = UUID.randomUUID();
        insertJournal(product, warehouse, ROWS, 2_000_000);

        List<Long> seen = new ArrayList<>();
        String from = "0";
        int pages = 0;
        while (from != null) {
            Response page = client.get("/v1/ledger/movements?product_id=" + product + "&limit=1000&from_position="
                    + from);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().path("movements").forEach(row -> seen.add(row.path("global_position").asLong()));
            JsonNode next = page.body().get("next_from_position");
            from = next.isNull() ? null : next.asText();
            pages++;
        }
        assertThat(pages).isEqualTo(ROWS / 1000);
        assertThat(seen).hasSize(ROWS).doesNotHaveDuplicates().isSorted();
    }

    /**
     * The database connection dies while the export is being read. The response is already under way, so it cannot
     * become an error response; it must not end like a complete one either: the client sees the connection close
     * before the end of the body. The service goes on answering.
     */
    @Test
    void anExportCutOffMidwayIsVisiblyIncomplete() throws Exception {
        HttpResponse<InputStream> exporting = HTTP.send(csvRequest(bigJournal(), TestTokens.admin()),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = exporting.body()) {
            assertThat(exporting.statusCode()).isEqualTo(200);
            assertThat(firstLine(body)).isEqualTo(String.join(",", CSV_HEADER));

            // we read no further: the service blocks writing, its cursor's transaction open between fetches
            Integer exporter = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList("""
                    SELECT pid FROM pg_stat_activity
                     WHERE datname = current_database() AND pid <> pg_backend_pid()
                       AND state = 'idle in transaction' AND query LIKE '%FROM stock_movement%'""", Integer.class)
                    .stream().findFirst().orElse(null), pid -> pid != null);
            assertThat(jdbc.queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, exporter)).isTrue();

            assertThatThrownBy(() -> body.transferTo(OutputStream.nullOutputStream()))
                    .as("the body ends early, as an error").isInstanceOf(IOException.class);
        }

        HttpResponse<String> afterwards = HTTP.send(csvRequest(UUID.randomUUID(), TestTokens.admin()),
                HttpResponse.BodyHandlers.ofString());
        assertThat(afterwards.statusCode()).isEqualTo(200);
        assertThat(Csv.parse(afterwards.body())).containsExactly(CSV_HEADER);
    }

    /**
     * Each export holds a database connection until its client has read the last row, so slow downloads are
     * bounded (4 at a time by default): one more is turned away with a 503, and the ledger's own work goes on.
     */
    @Test
    void exportsBeyondTheBoundAreTurnedAwayWhileTheLedgerGoesOn() throws Exception {
        UUID big = bigJournal();
        List<HttpResponse<InputStream>> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                HttpResponse<InputStream> exporting = HTTP.send(csvRequest(big, TestTokens.admin()),
                        HttpResponse.BodyHandlers.ofInputStream());
                stalled.add(exporting);
                assertThat(exporting.statusCode()).isEqualTo(200);
                assertThat(firstLine(exporting.body())).isEqualTo(String.join(",", CSV_HEADER));
            }

            HttpResponse<String> refused = HTTP.send(csvRequest(UUID.randomUUID(), TestTokens.admin()),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            assertThat(refused.body()).contains("\"code\":\"LEDGER_UNAVAILABLE\"");
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();

            UUID product = UUID.randomUUID();
            assertThat(client.receive(product, UUID.randomUUID(), 5).status()).as("the ledger still writes")
                    .isEqualTo(200);
            assertThat(client.get("/v1/ledger/movements?product_id=" + big + "&limit=1").status())
                    .as("JSON pages are not exports").isEqualTo(200);
        } finally {
            for (HttpResponse<InputStream> exporting : stalled) {
                exporting.body().close(); // the client goes away: the service stops and lets go of the connection
            }
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(HTTP.send(
                csvRequest(UUID.randomUUID(), TestTokens.admin()), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200));
    }

    /** A journal of tens of MB, more than any socket buffer holds: an export of it blocks until it is read. */
    private UUID bigJournal() {
        synchronized (MovementExportTest.class) {
            if (bigProduct == null) {
                UUID product = UUID.randomUUID();
                insertJournal(product, UUID.randomUUID(), 200_000, 3_000_000);
                bigProduct = product;
            }
            return bigProduct;
        }
    }

    private HttpRequest csvRequest(UUID product, String token) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/ledger/movements?product_id=" + product))
                .header("Accept", "text/csv")
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(120))
                .GET().build();
    }

    private static String firstLine(InputStream body) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = body.read(); b != '\n'; b = body.read()) {
            assertThat(b).as("a complete first line").isNotNegative();
            line.write(b);
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * {@code count} journal rows of one SKU at global positions {@code base + 1 ..}, a minute apart, of every type,
     * some with notes that need quoting (commas, quotes, line breaks).
     */
    private void insertJournal(UUID product, UUID warehouse, int count, long base) {
        int inserted = jdbc.update("""
                INSERT INTO stock_movement (global_position, event_id, product_id, warehouse_id, sequence_number,
                                            movement_type, on_hand_delta, reserved_delta, reservation_id, reason,
                                            note, requester_id, trace_id, occurred_at)
                SELECT ? + g, gen_random_uuid(), ?, ?, g - 1,
                       (ARRAY['RECEIPT','ADJUSTMENT','RESERVATION','SHIPMENT','RELEASE','EXPIRY'])[1 + g % 6],
                       CASE g % 6 WHEN 0 THEN 5 WHEN 1 THEN -1 WHEN 3 THEN -2 ELSE 0 END,
                       CASE g % 6 WHEN 2 THEN 2 WHEN 3 THEN -2 WHEN 4 THEN -1 WHEN 5 THEN -1 ELSE 0 END,
                       CASE WHEN g % 6 >= 2 THEN gen_random_uuid() END,
                       CASE WHEN g % 6 = 1 THEN 'COUNT_CORRECTION' END,
                       CASE WHEN g % 6 = 1 AND g % 12 = 1 THEN 'line one' || chr(10) || 'line "two", end'
                            WHEN g % 6 = 1 THEN 'line one' || chr(13) || chr(10) || 'line "two", end' END,
                       'bulk-loader', 'trace-' || g, timestamptz '2025-01-01T00:00:00Z' + g * interval '1 minute'
                  FROM generate_series(1, ?) AS g""", base, product, warehouse, count);
        assertThat(inserted).isEqualTo(count);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stock_movement WHERE product_id = ?", Long.class,
                product)).isEqualTo(count);
    }
}
