package io.stockledger.command.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Snapshot a ledger after every {@code threshold} events, or after as many events as its last snapshot had state
 * entries if that is more, but not more often than once per {@code minInterval}.
 *
 * <p>Why the size: a snapshot costs in proportion to the ledger's state (its pending and remembered reservations),
 * not to the events since the last one. Waiting for as many events as the last snapshot had entries keeps the work of
 * snapshotting proportional to the events written, whatever the state's size: a flash-sale SKU with 50,000 pending
 * reservations is snapshotted every 50,000 events, not every 500, and a cold load of it replays at most about as many
 * events as its snapshot holds entries, which costs about as much as reading the snapshot.
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
    private final SnapshotSizes sizes;
    private final LongSupplier nanoTime;

    public ThrottledSnapshotTriggerDefinition(Snapshotter snapshotter, int threshold, Duration minInterval,
                                              SnapshotSizes sizes) {
        this(snapshotter, threshold, minInterval, sizes, System::nanoTime);
    }

    ThrottledSnapshotTriggerDefinition(Snapshotter snapshotter, int threshold, Duration minInterval,
                                       SnapshotSizes sizes, LongSupplier nanoTime) {
        if (threshold < 1 || minInterval.isNegative()) {
            throw new IllegalArgumentException("threshold must be positive and the interval not negative");
        }
        this.snapshotter = snapshotter;
        this.threshold = threshold;
        this.minIntervalNanos = minInterval.toNanos();
        this.sizes = sizes;
        this.nanoTime = nanoTime;
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, threshold, minIntervalNanos, sizes, nanoTime);
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
        private final transient SnapshotSizes sizes;
        private final transient LongSupplier nanoTime;
        private String aggregateIdentifier;
        private int counter;
        private long lastScheduled;
        private boolean scheduledBefore;

        Trigger(Snapshotter snapshotter, Class<?> aggregateType, int threshold, long minIntervalNanos,
                SnapshotSizes sizes, LongSupplier nanoTime) {
            super(snapshotter, aggregateType);
            this.threshold = threshold;
            this.minIntervalNanos = minIntervalNanos;
            this.sizes = sizes;
            this.nanoTime = nanoTime;
        }

        @Override
        public void eventHandled(EventMessage<?> event) {
            if (event instanceof DomainEventMessage<?> domain) {
                aggregateIdentifier = domain.getAggregateIdentifier();
            }
            super.eventHandled(event);
        }

        @Override
        protected boolean exceedsThreshold() {
            ++counter;
            if (counter < threshold || counter < lastSnapshotEntries()) {
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

        private int lastSnapshotEntries() {
            return sizes == null || aggregateIdentifier == null ? 0 : sizes.of(aggregateIdentifier);
        }
    }
}
