package io.stockledger.api.benchmark;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    /** CPU seconds used so far by this JVM and by the database backends currently connected to this database. */
    double seconds() {
        return jvmSeconds() + postgresSeconds();
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

    /** CPU seconds used so far by the database backends currently connected to this database. */
    double postgresSeconds() {
        List<Integer> backends = jdbc.queryForList(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()", Integer.class);
        double ticks = 0;
        for (int pid : backends) {
            try {
                String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
            } catch (IOException | RuntimeException gone) {
                // a backend that ended, or a database on another host: not counted
            }
        }
        return ticks / TICKS_PER_SECOND;
    }
}
