package io.stockledger.api.benchmark;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Before the first cell of a benchmark, every mode in use runs in rounds of {@link #ROUND} until the JIT has settled:
 * until a round's compilations took less than 5% of its wall time, or {@code -Dbenchmark.jit-warm-up} seconds
 * (default 120) have passed. On two cores the C2 compiler still took one whole core 60 s into a run with a fixed
 * 10 s warm-up, and every cell measured then was measured on what it left.
 */
final class JitWarmUp {

    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("benchmark.jit-warm-up", 120));
    /** How long a warm-up round drives each mode. */
    static final Duration ROUND = LIMIT.compareTo(Duration.ofSeconds(5)) < 0 ? LIMIT : Duration.ofSeconds(5);
    private static final double SETTLED = 0.05;

    private JitWarmUp() {
    }

    /** One round: every mode in use driven for {@link #ROUND}, from this many clients, nothing measured. */
    @FunctionalInterface
    interface Round {
        void drive(int clients) throws Exception;
    }

    /**
     * Repeats the round, from as many clients as the largest cell (batch sizes, and so the code paths compiled, follow
     * the client count), until the JIT has settled or the warm-up time is spent; prints how many rounds it took.
     */
    static void untilSettled(String label, int clients, Round round) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long deadline = System.nanoTime() + LIMIT.toNanos();
        int rounds = 0;
        double share;
        do {
            long compiledBefore = jit.getTotalCompilationTime();
            long start = System.nanoTime();
            round.drive(clients);
            share = (jit.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - start) / 1e6);
            rounds++;
        } while (share > SETTLED && System.nanoTime() < deadline);
        System.out.printf(Locale.ROOT, "JIT warm-up%s: %d rounds; in the last, compiling took %.1f%% of the time%n",
                label, rounds, share * 100);
    }
}
