package io.stockledger.command.config;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs background tasks on a single-threaded executor and lets that thread rest after each task, {@code restFactor}
 * times as long as the task ran: the tasks then use at most {@code 1 / (1 + restFactor)} of one core however many
 * are queued.
 *
 * <p>For snapshots: a snapshot costs in proportion to the ledger's state, so a hot SKU with tens of thousands of
 * pending reservations costs hundreds of milliseconds each time, and back-to-back snapshots of it took a third of the
 * service's CPU in the hot-SKU benchmark, away from the commands. Resting bounds that share; the price is a snapshot
 * taken a little later, so a cold load replays a few more events.
 */
public final class RestingExecutor implements Executor {

    private final Executor thread;
    private final int restFactor;

    /** @param thread a single-threaded executor, so the rest really pauses the work */
    public RestingExecutor(Executor thread, int restFactor) {
        if (restFactor < 0) {
            throw new IllegalArgumentException("restFactor must not be negative");
        }
        this.thread = thread;
        this.restFactor = restFactor;
    }

    @Override
    public void execute(Runnable task) {
        thread.execute(() -> {
            long start = System.nanoTime();
            try {
                task.run();
            } finally {
                rest((System.nanoTime() - start) * restFactor);
            }
        });
    }

    private static void rest(long nanos) {
        long capped = Math.min(nanos, TimeUnit.SECONDS.toNanos(30));
        long until = System.nanoTime() + capped;
        for (long left = capped; left > 0 && !Thread.currentThread().isInterrupted();
             left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
