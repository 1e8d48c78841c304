package io.stockledger.api.benchmark;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One cell of a benchmark measured: the closed load driven for a while, with its latencies, and what it cost this JVM,
 * the database backends and the JIT compiler meanwhile. {@code cpuSeconds} is the service's and the database's: where
 * the load generator runs on threads of its own ({@link LoadGenerator}), its CPU ({@code loadGeneratorSeconds}) is
 * taken out of the JVM's; otherwise it is 0 and counted in. {@code walBytes}: what the database server wrote to its
 * write-ahead log meanwhile (all its databases; NaN where the server has no {@code pg_stat_wal}, before PostgreSQL 14).
 */
record Measurement(Histogram latency, long done, long errors, double seconds, double jitShare, double cpuSeconds,
                   double postgresSeconds, double loadGeneratorSeconds, double walBytes) {

    /** Clients on virtual threads, their CPU counted as the service's (in-process calls). */
    static Measurement of(JdbcTemplate jdbc, int clients, int inputs, ClosedLoad.Call call, Duration duration)
            throws InterruptedException {
        return of(jdbc, clients, inputs, call, duration, null);
    }

    /** Clients on the load generator's threads, their CPU and its HttpClient's apart (calls over HTTP). */
    static Measurement of(JdbcTemplate jdbc, int clients, int inputs, ClosedLoad.Call call, Duration duration,
                          LoadGenerator generator) throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(3);
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CpuTime cpu = new CpuTime(jdbc);
        long compiledBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        CpuTime.Reading before = cpu.read();
        double walBefore = walBytesSoFar(jdbc);
        long generatorBefore = generator == null ? 0 : generator.cpuNanos();
        long start = System.nanoTime();
        if (generator == null) {
            ClosedLoad.drive(clients, inputs, call, duration, latency, done, errors);
        } else {
            ClosedLoad.drive(clients, inputs, call, duration, latency, done, errors, generator.clientThreads());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double generatorSeconds = generator == null ? 0 : (generator.cpuNanos() - generatorBefore) / 1e9;
        double jitShare = (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compiledBefore)
                / (seconds * 1000);
        CpuTime.Reading after = cpu.read();
        double postgresSeconds = after.postgresSince(before);
        double walBytes = walBytesSoFar(jdbc) - walBefore;
        return new Measurement(latency, done.get(), errors.get(), seconds, jitShare,
                after.jvmSince(before) - generatorSeconds + postgresSeconds, postgresSeconds, generatorSeconds,
                walBytes);
    }

    /**
     * Bytes of write-ahead log the server has written since its statistics were last reset. The log is what every
     * commit waits to flush, and what replicas and backups carry: a measure of a write's cost that moves much less
     * with the machine's speed than CPU time does.
     */
    private static double walBytesSoFar(JdbcTemplate jdbc) {
        try {
            return jdbc.queryForObject("SELECT wal_bytes::float8 FROM pg_stat_wal", Double.class);
        } catch (BadSqlGrammarException noSuchView) {
            return Double.NaN;
        }
    }

    double perSecond() {
        return done / seconds;
    }

    /** CPU milliseconds (JVM and database) per unit of work, e.g. per call or per order line. */
    double cpuMillisPer(long units) {
        return cpuSeconds * 1000 / Math.max(1, units);
    }

    /** The load generator's CPU milliseconds per unit of work, apart from {@link #cpuMillisPer} (0 in-process). */
    double loadGeneratorMillisPer(long units) {
        return loadGeneratorSeconds * 1000 / Math.max(1, units);
    }

    /** Kilobytes of write-ahead log per unit of work. */
    double walKilobytesPer(long units) {
        return walBytes / 1024 / Math.max(1, units);
    }

    /** The database backends' share of {@link #cpuMillisPer}. */
    double postgresMillisPer(long units) {
        return postgresSeconds * 1000 / Math.max(1, units);
    }
}
