package io.stockledger.command.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Watches each write: logs a warning, with what the writing thread is doing, when it takes longer than
 * {@code warnAfter}, and interrupts the thread when it takes longer than {@code interruptAfter}, so a write stuck on
 * the database gives its lane back (an interrupted virtual thread's socket is closed, the transaction rolls back and
 * the callers get the failure).
 *
 * <p>Axon's own handler and unit-of-work timeouts do the same, but each captures the thread's whole stack trace when
 * it starts, twice per command: a sixth of the command path's CPU with many SKUs. Here a write costs one scheduled
 * task, and a stack trace is taken only for a write that is already slow.
 */
public final class WriteWatchdog implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteWatchdog.class);

    private final ScheduledExecutorService timer;
    private final long warnAfterNanos;
    private final long interruptAfterNanos;

    public WriteWatchdog(Duration warnAfter, Duration interruptAfter) {
        if (warnAfter.isNegative() || warnAfter.isZero() || interruptAfter.compareTo(warnAfter) < 0) {
            throw new IllegalArgumentException("need 0 < warnAfter <= interruptAfter");
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ledger-write-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // a write that ends in time leaves nothing behind in the queue
        this.timer = executor;
        this.warnAfterNanos = warnAfter.toNanos();
        this.interruptAfterNanos = interruptAfter.toNanos();
    }

    /** Starts watching the current thread's write, described lazily for the log; close the watch when it is done. */
    public Watch watch(Supplier<String> what) {
        return new Watch(Thread.currentThread(), what);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One write under watch. */
    public final class Watch implements AutoCloseable {

        private final Thread writer;
        private final Supplier<String> what;
        private final long started = System.nanoTime();
        private ScheduledFuture<?> next;
        private boolean done;
        private boolean interrupted;

        private Watch(Thread writer, Supplier<String> what) {
            this.writer = writer;
            this.what = what;
            synchronized (this) { // a warning due at once must not find next unset
                this.next = timer.schedule(this::warn, warnAfterNanos, TimeUnit.NANOSECONDS);
            }
        }

        private synchronized void warn() {
            if (done) {
                return;
            }
            log.warn("Writing {} has taken {} ms; it is interrupted after {} ms. The writing thread is at:\n{}",
                    what.get(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    TimeUnit.NANOSECONDS.toMillis(interruptAfterNanos), stackOf(writer));
            next = timer.schedule(this::interrupt, interruptAfterNanos - (System.nanoTime() - started),
                    TimeUnit.NANOSECONDS);
        }

        private synchronized void interrupt() {
            if (done) {
                return;
            }
            log.error("Writing {} has taken over {} ms; interrupting the writing thread", what.get(),
                    TimeUnit.NANOSECONDS.toMillis(interruptAfterNanos));
            interrupted = true;
            writer.interrupt();
        }

        /**
         * The write is over: nothing more happens to its thread. Called by the writing thread, which forgets an
         * interrupt of ours: its callers learn of the failed write from their answers, not from a stray interrupt.
         */
        @Override
        public synchronized void close() {
            done = true;
            next.cancel(false);
            if (interrupted) {
                Thread.interrupted();
            }
        }

        private static String stackOf(Thread thread) {
            return Arrays.stream(thread.getStackTrace()).map(frame -> "\tat " + frame)
                    .collect(Collectors.joining("\n"));
        }
    }
}
