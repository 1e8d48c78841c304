package io.stockledger.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockledger.api.tracing.CommandObservation;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The last minutes of command throughput and latency, from the service's own {@code ledger.command} timers: every
 * {@link #INTERVAL_MS} the cumulative counts and times are read and the difference since the previous reading kept,
 * {@link #KEPT} intervals of it. The console charts these; Prometheus keeps the long history (the timers themselves
 * are unchanged). Per instance: each instance reports the commands it served.
 */
@Component
public class CommandThroughput {

    static final long INTERVAL_MS = 5_000;
    /** Fifteen minutes of five-second intervals. */
    static final int KEPT = 180;

    /** One interval: commands completed in it, per second, and their mean and slowest time in milliseconds. */
    public record Sample(Instant at, double commandsPerSecond, double meanMillis, double maxMillis, long commands,
                         long refused, long failed) {
    }

    private final MeterRegistry registry;
    private final Clock clock;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private long lastCount = -1;
    private double lastTotalMillis;
    private long lastRefused;
    private long lastFailed;

    public CommandThroughput(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = INTERVAL_MS, initialDelay = 0)
    public synchronized void sample() {
        long count = 0;
        long refused = 0;
        long failed = 0;
        double totalMillis = 0;
        double maxMillis = 0;
        for (Timer timer : registry.find(CommandObservation.NAME).timers()) {
            long timerCount = timer.count();
            count += timerCount;
            totalMillis += timer.totalTime(TimeUnit.MILLISECONDS);
            // max decays over the timer's own window (about two minutes): close enough to "slowest lately"
            maxMillis = Math.max(maxMillis, timer.max(TimeUnit.MILLISECONDS));
            String outcome = timer.getId().getTag("outcome");
            if ("refused".equals(outcome)) {
                refused += timerCount;
            } else if ("failed".equals(outcome)) {
                failed += timerCount;
            }
        }
        if (lastCount >= 0) {
            long commands = count - lastCount;
            double mean = commands == 0 ? 0 : (totalMillis - lastTotalMillis) / commands;
            samples.addLast(new Sample(clock.instant(), commands * 1000.0 / INTERVAL_MS, mean, maxMillis, commands,
                    refused - lastRefused, failed - lastFailed));
            while (samples.size() > KEPT) {
                samples.removeFirst();
            }
        }
        lastCount = count;
        lastTotalMillis = totalMillis;
        lastRefused = refused;
        lastFailed = failed;
    }

    /** The kept intervals, oldest first. */
    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    public long intervalMillis() {
        return INTERVAL_MS;
    }
}
