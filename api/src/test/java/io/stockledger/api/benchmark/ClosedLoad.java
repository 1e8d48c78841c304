package io.stockledger.api.benchmark;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load model of the benchmarks: a closed one, in which each client (a virtual thread) makes its next call as soon
 * as the previous one answered, on a randomly chosen one of the prepared inputs, for a fixed time.
 */
final class ClosedLoad {

    private ClosedLoad() {
    }

    /** One call, on the input with this index; true when it succeeded (a failure thrown counts as an error). */
    @FunctionalInterface
    interface Call {
        boolean call(int input) throws Exception;
    }

    /** Drives {@code clients} clients for {@code duration}, recording each call's latency, and counting calls and errors. */
    static void drive(int clients, int inputs, Call call, Duration duration, Histogram latency, AtomicLong done,
                      AtomicLong errors) throws InterruptedException {
        drive(clients, inputs, call, duration, latency, done, errors, Thread.ofVirtual().factory());
    }

    /** As {@link #drive(int, int, Call, Duration, Histogram, AtomicLong, AtomicLong)}, each client on a thread made here. */
    static void drive(int clients, int inputs, Call call, Duration duration, Histogram latency, AtomicLong done,
                      AtomicLong errors, ThreadFactory clientThreads) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService threads = Executors.newThreadPerTaskExecutor(clientThreads)) {
            for (int c = 0; c < clients; c++) {
                threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        int input = ThreadLocalRandom.current().nextInt(inputs);
                        long begin = System.nanoTime();
                        boolean ok;
                        try {
                            ok = call.call(input);
                        } catch (Exception failed) {
                            ok = false;
                        }
                        latency.recordValue(System.nanoTime() - begin);
                        done.incrementAndGet();
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                    }
                });
            }
            threads.shutdown();
            // a call stuck past the duration is given two minutes, then the executor's close waits for it anyway
            threads.awaitTermination(duration.toSeconds() + 120, TimeUnit.SECONDS);
        }
    }

    /** Drives the load without measuring it: to warm up the JIT, the caches and the connection pools. */
    static void unmeasured(int clients, int inputs, Call call, Duration duration) throws InterruptedException {
        drive(clients, inputs, call, duration, new ConcurrentHistogram(3), new AtomicLong(), new AtomicLong());
    }
}
