package io.stockledger.api.benchmark;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cell of a benchmark measured: the closed load driven for a while, with its latencies, and what it cost this JVM,
 * the database backends and the JIT compiler meanwhile.
 */
record Measurement(Histogram latency, long done, long errors, double seconds, double jitShare, double cpuSeconds,
                   double postgresSeconds) {

    static Measurement of(JdbcTemplate jdbc, int clients, int inputs, ClosedLoad.Call call, Duration duration)
            throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CpuTime cpu = new CpuTime(jdbc);
        long compiledBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        double cpuBefore = cpu.seconds();
        double postgresBefore = cpu.postgresSeconds();
        long start = System.nanoTime();
        ClosedLoad.drive(clients, inputs, call, duration, latency, done, errors);
        double seconds = (System.nanoTime() - start) / 1e9;
        double jitShare = (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiledBefore)
                / (seconds * 1000);
        return new Measurement(latency, done.get(), errors.get(), seconds, jitShare, cpu.seconds() - cpuBefore,
                cpu.postgresSeconds() - postgresBefore);
    }

    double perSecond() {
        return done / seconds;
    }

    /** CPU milliseconds (JVM and database) per unit of work, e.g. per call or per order line. */
    double cpuMillisPer(long units) {
        return cpuSeconds * 1000 / Math.max(1, units);
    }

    /** The database backends' share of {@link #cpuMillisPer}. */
    double postgresMillisPer(long units) {
        return postgresSeconds * 1000 / Math.max(1, units);
    }
}
