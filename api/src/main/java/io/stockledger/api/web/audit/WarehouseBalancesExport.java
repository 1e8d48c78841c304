package io.stockledger.api.web.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stockledger.api.ledger.LedgerUnavailableException;
import io.stockledger.api.web.TraceIdFilter;
import io.stockledger.audit.api.WarehouseBalances;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Writes a warehouse's balances at a past instant straight to the response as JSON, one balance as each ledger's fold
 * completes ({@link WarehouseBalances}): neither the events nor the balances are held in memory, whatever the
 * warehouse's size. Written on the request's own (virtual) thread like the movement CSV export, not as a
 * {@code StreamingResponseBody}, so that a large warehouse is not cut off by the servlet container's async timeout.
 *
 * <p>It holds a pooled database connection while it runs, so at most {@code ledger.audit.concurrent-streams} (4) run
 * at once per instance; one more waits a moment for a turn, then gets 503 {@code LEDGER_UNAVAILABLE}.
 */
@Component
class WarehouseBalancesExport {

    private static final Logger log = LoggerFactory.getLogger(WarehouseBalancesExport.class);
    private static final int WRITE_BUFFER = 32 * 1024;
    private static final long WAIT_FOR_A_TURN_MILLIS = 1000;

    private final WarehouseBalances balances;
    private final ObjectMapper json;
    private final ObjectWriter element;
    private final Semaphore turns;

    WarehouseBalancesExport(WarehouseBalances balances, ObjectMapper json,
                            @Value("${ledger.audit.concurrent-streams:4}") int concurrentStreams) {
        this.balances = balances;
        this.json = json;
        // one element at a time into the shared generator; flushing after each would send tiny chunks
        this.element = json.writerFor(WarehouseBalancesResponse.Balance.class)
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        this.turns = new Semaphore(concurrentStreams, true);
    }

    void write(UUID warehouse, Instant asOf, HttpServletResponse response) throws IOException {
        if (!takeTurn()) {
            throw new LedgerUnavailableException(LedgerUnavailableException.BUSY,
                    "too many warehouse balance streams in progress; retry shortly",
                    null);
        }
        try {
            stream(warehouse, asOf, response);
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

    private void stream(UUID warehouse, Instant asOf, HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        // never closed here: closing would complete the open array and object, and after a failure that would
        // make a cut-off answer look whole; the servlet container closes the response stream itself
        JsonGenerator out = json.getFactory().createGenerator(
                new BufferedOutputStream(response.getOutputStream(), WRITE_BUFFER));
        out.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        long count;
        try {
            out.writeStartObject();
            out.writeStringField("warehouse_id", warehouse.toString());
            out.writeStringField("as_of", asOf.toString());
            out.writeArrayFieldStart("balances");
            count = balances.forEachAsOf(warehouse, asOf, view -> {
                try {
                    element.writeValue(out, WarehouseBalancesResponse.Balance.of(view));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            out.writeEndArray();
            out.writeNumberField("ledger_count", count);
            out.writeEndObject();
            out.flush();
        } catch (UncheckedIOException | IOException clientGone) {
            // only writing to the response throws these: the client went away, and the cursor's transaction ended
            log.debug("warehouse balances abandoned by the client: {}", clientGone.getMessage());
            return;
        } catch (DataAccessException | TransactionException failure) {
            throw failed(response, new LedgerUnavailableException("the event store could not be read: "
                    + failure.getMessage(), failure));
        } catch (RuntimeException failure) {
            throw failed(response, failure);
        }
        log.debug("streamed {} balances of warehouse {} as of {}", count, warehouse, asOf);
    }

    /** Before anything was sent, an ordinary problem response; after, a cut connection ({@link StreamInterrupted}). */
    private static RuntimeException failed(HttpServletResponse response, RuntimeException failure) {
        if (response.isCommitted()) {
            return new StreamInterrupted(failure);
        }
        String traceId = response.getHeader(TraceIdFilter.HEADER);
        response.reset();
        if (traceId != null) {
            response.setHeader(TraceIdFilter.HEADER, traceId);
        }
        return failure;
    }
}
