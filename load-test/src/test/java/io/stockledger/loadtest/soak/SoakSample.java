package io.stockledger.loadtest.soak;

import java.util.Locale;

/**
 * One minute of the soak run: the service's heap after a full GC, its database connections (all, and those running a
 * statement at that instant), the p99 of the minute's answers, how many answers there were, and the running totals of
 * server errors and unclear answers (503 or none).
 */
record SoakSample(int minute, double heapMiB, int connections, int activeConnections, double p99Millis, long answers,
                  long serverErrors, long unclear) {

    static final String CSV_HEADER = "minute,heap_after_gc_mib,db_connections,db_active,p99_ms,answers,errors_5xx,"
            + "unclear";

    static SoakSample parse(String csvLine) {
        String[] fields = csvLine.split(",");
        return new SoakSample(Integer.parseInt(fields[0]), Double.parseDouble(fields[1]), Integer.parseInt(fields[2]),
                Integer.parseInt(fields[3]), Double.parseDouble(fields[4]), Long.parseLong(fields[5]),
                Long.parseLong(fields[6]), Long.parseLong(fields[7]));
    }

    String csv() {
        return String.format(Locale.ROOT, "%d,%.1f,%d,%d,%.1f,%d,%d,%d", minute, heapMiB, connections,
                activeConnections, p99Millis, answers, serverErrors, unclear);
    }
}
