package io.stockledger.command.config;

import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Snapshot a ledger after every {@code threshold} events, but not more often than once per {@code minInterval}.
 *
 * <p>Why the interval: a snapshot costs in proportion to the ledger's state (its pending and remembered
 * reservations), not to the events since the last one. A hot SKU writing thousands of events a second would reach the
 * count several times a second, and the snapshot thread would spend a whole core rebuilding and serialising the same
 * large ledger back to back (measured: a third of the service's CPU in the hot-SKU benchmark). Waiting for the
 * interval bounds that to one snapshot per interval per ledger; the price is that a cold load of such a ledger
 * replays at most an interval's worth of events after its snapshot. Quiet ledgers are unaffected: they reach the
 * count long after the interval.
 */
public class ThrottledSnapshotTriggerDefinition implements SnapshotTriggerDefinition {

    private final Snapshotter snapshotter;
    private final int threshold;
    private final long minIntervalNanos;
    private final LongSupplier nanoTime;

    public ThrottledSnapshotTriggerDefinition(Snapshotter snapshotter, int threshold, Duration minInterval) {
        this(snapshotter, threshold, minInterval, System::nanoTime);
    }

    ThrottledSnapshotTriggerDefinition(Snapshotter snapshotter, int threshold, Duration minInterval,
                                       LongSupplier nanoTime) {
        if (threshold < 1 || minInterval.isNegative()) {
            throw new IllegalArgumentException("threshold must be positive and the interval not negative");
        }
        this.snapshotter = snapshotter;
        this.threshold = threshold;
        this.minIntervalNanos = minInterval.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, threshold, minIntervalNanos, nanoTime);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger throttled) {
            throttled.setSnapshotter(snapshotter);
            return trigger;
        }
        return prepareTrigger(aggregateType);
    }

    /** Lives with one ledger instance (in the aggregate cache), so it counts that ledger's events. */
    private static final class Trigger extends AbstractSnapshotTrigger {

        private static final long serialVersionUID = 1L;

        private final int threshold;
        private final long minIntervalNanos;
        private final transient LongSupplier nanoTime;
        private int counter;
        private long lastScheduled;
        private boolean scheduledBefore;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int threshold, long minIntervalNanos,
                LongSupplier nanoTime) {
            super(snapshotter, aggregateType);
            this.threshold = threshold;
            this.minIntervalNanos = minIntervalNanos;
            this.nanoTime = nanoTime;
        }

        @Override
        protected boolean exceedsThreshold() {
            if (++counter < threshold) {
                return false;
            }
            long now = nanoTime == null ? System.nanoTime() : nanoTime.getAsLong(); // null after deserialisation
            if (scheduledBefore && now - lastScheduled < minIntervalNanos) {
                return false;
            }
            scheduledBefore = true;
            lastScheduled = now;
            return true;
        }

        @Override
        protected void reset() {
            counter = 0;
        }
    }
}
