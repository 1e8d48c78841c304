package io.stockledger.api.web.audit;

import io.stockledger.api.ledger.LedgerUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * What a failure means while an answer is written straight to the response from a database cursor, decided once for
 * every such answer: an I/O failure can only come from writing to the response, so the client went away (and the
 * cursor's transaction ended with it), which ends the answer quietly; the database failing is
 * {@code LEDGER_UNAVAILABLE}; anything else is a bug. Both failures leave as {@link StreamInterrupted} says: a problem
 * before the first byte was sent, a cut-off answer after.
 */
final class StreamedAnswer {

    private static final Logger log = LoggerFactory.getLogger(StreamedAnswer.class);

    /** Writes the whole answer and says how many rows it held. */
    @FunctionalInterface
    interface Rows {
        long write() throws IOException;
    }

    private StreamedAnswer() {
    }

    /**
     * @param answer what is written, for the log when its client goes away (e.g. "movement export")
     * @param source what the rows are read from, for the problem when it cannot be (e.g. "the movement journal")
     * @return how many rows were written, or nothing when the client went away before the end
     */
    static OptionalLong write(HttpServletResponse response, String answer, String source, Rows rows) {
        try {
            return OptionalLong.of(rows.write());
        } catch (UncheckedIOException | IOException clientGone) {
            log.debug("{} abandoned by the client: {}", answer, clientGone.getMessage());
            return OptionalLong.empty();
        } catch (DataAccessException | TransactionException failure) {
            throw StreamInterrupted.orProblem(response, new LedgerUnavailableException(
                    source + " could not be read: " + failure.getMessage(), failure));
        } catch (RuntimeException failure) {
            throw StreamInterrupted.orProblem(response, failure);
        }
    }
}
