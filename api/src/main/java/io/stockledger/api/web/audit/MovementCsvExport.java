package io.stockledger.api.web.audit;

import io.stockledger.api.ledger.LedgerUnavailableException;
import io.stockledger.api.web.TraceIdFilter;
import io.stockledger.query.api.MovementFilter;
import io.stockledger.query.api.MovementJournal;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
    private static final long WAIT_FOR_A_TURN_MILLIS = 1000;

    private final MovementJournal journal;
    private final Semaphore turns;

    MovementCsvExport(MovementJournal journal, @Value("${ledger.audit.concurrent-exports:4}") int concurrentExports) {
        this.journal = journal;
        this.turns = new Semaphore(concurrentExports, true);
    }

    void write(MovementFilter filter, HttpServletResponse response) throws IOException {
        if (!takeTurn()) {
            throw new LedgerUnavailableException(LedgerUnavailableException.BUSY,
                    "too many movement exports in progress; retry shortly", null);
        }
        try {
            stream(filter, response);
        } finally {
            turns.release();
        }
    }

    private boolean takeTurn() {
        try {
            return turns.tryAcquire(WAIT_FOR_A_TURN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void stream(MovementFilter filter, HttpServletResponse response) throws IOException {
        response.setContentType(TEXT_CSV + ";charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("movements-" + filter.productId() + ".csv").build().toString());
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                WRITE_BUFFER);
        MovementCsv csv = new MovementCsv(out);
        long rows;
        try {
            csv.header();
            rows = journal.forEach(filter, csv::row);
            out.flush();
        } catch (UncheckedIOException clientGone) {
            // only writing to the response throws it: the client went away, and the cursor's transaction ended
            log.debug("movement export abandoned by the client: {}", clientGone.getMessage());
            return;
        } catch (DataAccessException | TransactionException failure) {
            throw failed(response, new LedgerUnavailableException("the movement journal could not be read: "
                    + failure.getMessage(), failure));
        } catch (RuntimeException failure) {
            throw failed(response, failure);
        }
        log.debug("exported {} movements of product {}", rows, filter.productId());
    }

    /**
     * Before anything was sent, a failure becomes an ordinary problem response (503 for the database). Once rows
     * are out, a problem document cannot replace them, and appending one would make a cut-off export look
     * complete: it becomes an {@link Interrupted}, which the controller lets reach the servlet container, which
     * closes the connection before the end of the chunked body, so every HTTP client reports the export as
     * incomplete.
     */
    private static RuntimeException failed(HttpServletResponse response, RuntimeException failure) {
        if (response.isCommitted()) {
            return new Interrupted(failure);
        }
        String traceId = response.getHeader(TraceIdFilter.HEADER);
        response.reset(); // drops the CSV content type and attachment headers, and any buffered CSV
        if (traceId != null) {
            response.setHeader(TraceIdFilter.HEADER, traceId);
        }
        return failure;
    }

    /** An export failed after its first bytes were sent. */
    static final class Interrupted extends RuntimeException {

        Interrupted(Throwable cause) {
            super("movement export interrupted: " + cause.getMessage(), cause);
        }
    }
}
