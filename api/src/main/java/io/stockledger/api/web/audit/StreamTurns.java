package io.stockledger.api.web.audit;

import io.stockledger.api.ledger.LedgerUnavailableException;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bound on the streamed answers of one kind that run at once on an instance. A stream holds a pooled database
 * connection until its last byte is sent, so slow downloads must not take the connections the ledger's writes need:
 * one more than the bound waits a moment for a turn, then is refused with 503 {@code LEDGER_UNAVAILABLE}.
 */
final class StreamTurns {

    private static final long WAIT_FOR_A_TURN_MILLIS = 1000;

    /** Writes one streamed answer. */
    @FunctionalInterface
    interface Stream {
        void write() throws IOException;
    }

    private final Semaphore turns;
    private final String busy;

    /** {@code streams} names the kind in the 503's detail, e.g. "movement exports". */
    StreamTurns(int concurrent, String streams) {
        this.turns = new Semaphore(concurrent, true);
        this.busy = "too many " + streams + " in progress; retry shortly";
    }

    void run(Stream stream) throws IOException {
        if (!takeTurn()) {
            throw new LedgerUnavailableException(LedgerUnavailableException.BUSY, busy, null);
        }
        try {
            stream.write();
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
}
