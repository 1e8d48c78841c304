package io.stockledger.api.web.audit;

import io.stockledger.query.api.MovementFilter;
import io.stockledger.query.api.MovementJournal;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes the movement journal as CSV straight to the response, row by row as the journal's database cursor yields
 * them ({@link MovementJournal}): neither the rows nor the CSV are ever held whole in memory, and the request's
 * (virtual) thread simply blocks while a slow client reads. Not a {@code StreamingResponseBody}: that would run under
 * the servlet container's async timeout (30 s by default), which an export of a year of a busy SKU can outlast.
 *
 * <p>An export holds a pooled database connection until its last row is sent, so exports are bounded
 * ({@code ledger.audit.concurrent-exports} per instance, default 4): slow downloads must not take the connections
 * the ledger's writes need. One more waits a moment for a turn, then gets 503 {@code LEDGER_UNAVAILABLE}.
 */
@Component
class MovementCsvExport {

    static final String TEXT_CSV = "text/csv";

    private static final Logger log = LoggerFactory.getLogger(MovementCsvExport.class);
    /** What is written to the response at a time; the servlet container sends it on as it comes (chunked). */
    private static final int WRITE_BUFFER = 32 * 1024;

    private final MovementJournal journal;
    private final StreamTurns turns;

    MovementCsvExport(MovementJournal journal, @Value("${ledger.audit.concurrent-exports:4}") int concurrentExports) {
        this.journal = journal;
        this.turns = new StreamTurns(concurrentExports, "movement exports");
    }

    void write(MovementFilter filter, HttpServletResponse response) throws IOException {
        turns.run(() -> stream(filter, response));
    }

    private void stream(MovementFilter filter, HttpServletResponse response) throws IOException {
        response.setContentType(TEXT_CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(fileName(filter)).build().toString());
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                WRITE_BUFFER);
        MovementCsv csv = new MovementCsv(out);
        StreamedAnswer.write(response, "movement export", "the movement journal", () -> {
            csv.header();
            long rows = journal.forEach(filter, csv::row);
            out.flush();
            return rows;
        }).ifPresent(rows -> log.debug("exported {} movements of product {}, order {}", rows, filter.productId(),
                filter.orderId()));
    }

    /** Named for the order when the export is an order's, else for the product. */
    private static String fileName(MovementFilter filter) {
        return "movements-" + (filter.orderId() != null ? "order-" + filter.orderId() : filter.productId()) + ".csv";
    }
}
