package io.stockledger.loadtest.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every answer a steady load got, attempt by attempt (a retry's first answer counts too): statuses per endpoint,
 * the server errors with their bodies, when answers last were unclear (no answer, or 5xx) and when the last one was
 * a success, and latencies per minute for the soak run's p99. Thread-safe.
 */
public final class LoadTally {

    /** Bodies kept of the server errors, to say what they were; more are only counted. */
    private static final int KEPT_ERRORS = 20;

    private final Instant started = Instant.now();
    private final Map<String, Map<Integer, LongAdder>> statuses = new ConcurrentHashMap<>();
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> notFound = new ArrayList<>();
    private final AtomicReference<Instant> lastUnclear = new AtomicReference<>();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final Map<Long, List<Long>> latencyMicrosByMinute = new ConcurrentSkipListMap<>();
    private final LongAdder skippedVisits = new LongAdder();

    void answered(String endpoint, int status, String body, Duration latency) {
        statuses.computeIfAbsent(endpoint, ignored -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, ignored -> new LongAdder()).increment();
        Instant now = Instant.now();
        if (status == 0 || status >= 500) {
            lastUnclear.set(now);
        } else if (status < 300) {
            lastSuccess.set(now);
        }
        if (status >= 500 && status != 503) {
            synchronized (serverErrors) {
                if (serverErrors.size() < KEPT_ERRORS) {
                    serverErrors.add(endpoint + " " + status + ": " + abbreviate(body));
                }
            }
        }
        if (status == 404) {
            synchronized (notFound) {
                if (notFound.size() < KEPT_ERRORS) {
                    notFound.add(endpoint + " 404: " + abbreviate(body));
                }
            }
        }
        if (status != 0) {
            long minute = Duration.between(started, now).toMinutes();
            List<Long> window = latencyMicrosByMinute.computeIfAbsent(minute, ignored -> new ArrayList<>());
            synchronized (window) {
                window.add(latency.toNanos() / 1000);
            }
        }
    }

    void skipped() {
        skippedVisits.increment();
    }

    /** status → count over every endpoint, for a report. */
    public Map<Integer, Long> statusCounts() {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.values().forEach(byStatus -> byStatus.forEach((status, count) ->
                counts.merge(status, count.sum(), Long::sum)));
        return counts;
    }

    public long count(String endpoint, int status) {
        LongAdder count = statuses.getOrDefault(endpoint, Map.of()).get(status);
        return count == null ? 0 : count.sum();
    }

    public long answersWithStatus(int status) {
        return statusCounts().getOrDefault(status, 0L);
    }

    /** Answers 5xx other than 503: what a fault must never produce. */
    public long serverErrorCount() {
        return statusCounts().entrySet().stream().filter(entry -> entry.getKey() >= 500 && entry.getKey() != 503)
                .mapToLong(Map.Entry::getValue).sum();
    }

    public List<String> serverErrorSamples() {
        synchronized (serverErrors) {
            return List.copyOf(serverErrors);
        }
    }

    /** Bodies of 404 answers: a request about something a client was told exists should never get one. */
    public List<String> notFoundSamples() {
        synchronized (notFound) {
            return List.copyOf(notFound);
        }
    }

    /** endpoint → (status → count), for a report. */
    public Map<String, Map<Integer, Long>> statusCountsByEndpoint() {
        Map<String, Map<Integer, Long>> counts = new TreeMap<>();
        statuses.forEach((endpoint, byStatus) -> byStatus.forEach((status, count) ->
                counts.computeIfAbsent(endpoint, ignored -> new TreeMap<>()).put(status, count.sum())));
        return counts;
    }

    public Instant lastUnclear() {
        return lastUnclear.get();
    }

    public Instant lastSuccess() {
        return lastSuccess.get();
    }

    public long skippedVisits() {
        return skippedVisits.sum();
    }

    /** The 99th percentile latency of the answers of each minute since the load started, in milliseconds. */
    public Map<Long, Double> p99MillisByMinute() {
        Map<Long, Double> p99 = new TreeMap<>();
        latencyMicrosByMinute.forEach((minute, window) -> {
            long[] sorted;
            synchronized (window) {
                sorted = window.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            if (sorted.length > 0) {
                p99.put(minute, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1000.0);
            }
        });
        return p99;
    }

    public long answersInMinute(long minute) {
        List<Long> window = latencyMicrosByMinute.get(minute);
        if (window == null) {
            return 0;
        }
        synchronized (window) {
            return window.size();
        }
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
