package io.stockledger.api.web.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stockledger.audit.api.WarehouseBalances;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

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

    private final WarehouseBalances balances;
    private final ObjectMapper json;
    private final ObjectWriter element;
    private final StreamTurns turns;

    WarehouseBalancesExport(WarehouseBalances balances, ObjectMapper json,
                            @Value("${ledger.audit.concurrent-streams:4}") int concurrentStreams) {
        this.balances = balances;
        this.json = json;
        // one element at a time into the shared generator; flushing after each would send tiny chunks
        this.element = json.writerFor(WarehouseBalancesResponse.Balance.class)
                .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        this.turns = new StreamTurns(concurrentStreams, "warehouse balance streams");
    }

    void write(UUID warehouse, Instant asOf, HttpServletResponse response) throws IOException {
        turns.run(() -> stream(warehouse, asOf, response));
    }

    private void stream(UUID warehouse, Instant asOf, HttpServletResponse response) throws IOException {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        // never closed here: closing would complete the open array and object, and after a failure that would
        // make a cut-off answer look whole; the servlet container closes the response stream itself
        JsonGenerator out = json.getFactory().createGenerator(
                new BufferedOutputStream(response.getOutputStream(), WRITE_BUFFER));
        out.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        StreamedAnswer.write(response, "warehouse balances", "the event store", () -> {
            out.writeStartObject();
            out.writeStringField("warehouse_id", warehouse.toString());
            out.writeStringField("as_of", asOf.toString());
            out.writeArrayFieldStart("balances");
            long count = balances.forEachAsOf(warehouse, asOf, view -> {
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
            return count;
        }).ifPresent(count -> log.debug("streamed {} balances of warehouse {} as of {}", count, warehouse, asOf));
    }
}
