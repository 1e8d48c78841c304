package io.stockledger.api.benchmark;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU spent by this JVM (service and load generator) plus the PostgreSQL backends serving this test's database, read
 * from the operating system. On a machine shared with other work, throughput and latency move with everyone else's
 * load; CPU per request much less, and it is what capacity planning needs (requests per second per core).
 */
final class CpuTime {

    /** Linux's clock ticks per second for /proc/[pid]/stat (USER_HZ, 100 on every common kernel). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final JdbcTemplate jdbc;

    CpuTime(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** This JVM's CPU seconds so far, and each database backend's ticks (see {@link Reading#postgresSince}). */
    Reading read() {
        return new Reading(jvmSeconds(), postgresTicks());
    }

    /** The JVM's CPU seconds and each backend's CPU ticks (by pid) at one moment. */
    record Reading(double jvmSeconds, Map<Integer, Long> postgresTicks) {

        /** The JVM's CPU seconds since {@code before}. */
        double jvmSince(Reading before) {
            return jvmSeconds - before.jvmSeconds;
        }

        /**
         * The backends' CPU seconds since {@code before}, backend by backend: one that ended meanwhile (a pool retiring
         * an idle connection) would otherwise take its whole past off the total and can make it negative; one that
         * started meanwhile, or took the pid of one that ended, counts from zero.
         */
        double postgresSince(Reading before) {
            long ticks = 0;
            for (Map.Entry<Integer, Long> backend : postgresTicks.entrySet()) {
                long earlier = before.postgresTicks.getOrDefault(backend.getKey(), 0L);
                ticks += backend.getValue() >= earlier ? backend.getValue() - earlier : backend.getValue();
            }
            return ticks / TICKS_PER_SECOND;
        }
    }

    /** The one-minute load average: how busy the shared machine was. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double jvmSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** CPU ticks used so far by each database backend currently connected to this database, by pid. */
    private Map<Integer, Long> postgresTicks() {
        List<Integer> backends = jdbc.queryForList(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()", Integer.class);
        Map<Integer, Long> ticks = new HashMap<>();
        for (int pid : backends) {
            try {
                String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12])); // utime, stime
            } catch (IOException | RuntimeException gone) {
                // a backend that ended, or a database on another host: not counted
            }
        }
        return ticks;
    }
}
