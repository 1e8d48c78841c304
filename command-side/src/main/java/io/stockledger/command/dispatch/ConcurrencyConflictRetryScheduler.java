package io.stockledger.command.dispatch;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Retries a command that lost a race to append to its ledger, and nothing else.
 *
 * <p>When two instances hold the same ledger, the second append for a sequence number hits the event table's
 * unique (aggregate, sequence) key and surfaces as a {@link ConcurrencyException} (or, when both were opening a
 * new ledger with its first event, an {@link AggregateStreamCreationException}). The losing unit of work has
 * been rolled back and its cached aggregate evicted, so a retry reloads the ledger with the winner's events and
 * decides again. A short random pause keeps two losers from colliding again in lock step.
 */
public final class ConcurrencyConflictRetryScheduler implements RetryScheduler, AutoCloseable {

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final Runnable onConflict;

    public ConcurrencyConflictRetryScheduler(ScheduledExecutorService executor, int maxRetries, Runnable onConflict) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.onConflict = onConflict;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!isConcurrencyConflict(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        onConflict.run();
        // a random pause that grows with each lost race, so a loser eventually finds a quiet moment
        long pauseMillis = ThreadLocalRandom.current().nextLong(1, 2L + Math.min(failures.size(), 20) * 5L);
        executor.schedule(commandDispatch, pauseMillis, TimeUnit.MILLISECONDS);
        return true;
    }

    @Override
    public void close() {
        executor.shutdown();
    }

    static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return true;
            }
        }
        return false;
    }
}
