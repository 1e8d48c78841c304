package io.stockledger.command.config;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottledSnapshotTriggerDefinitionTest {

    private final List<String> scheduled = new ArrayList<>();
    private final Snapshotter snapshotter = (type, id) -> scheduled.add(id);
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final SnapshotSizes sizes = new SnapshotSizes(100, 3);
    private final SnapshotTrigger trigger = new ThrottledSnapshotTriggerDefinition(snapshotter, 3,
            Duration.ofSeconds(1), sizes, nanos::get).prepareTrigger(Object.class);
    private long sequence;

    private void events(int count) {
        for (int i = 0; i < count; i++) {
            trigger.eventHandled(new GenericDomainEventMessage<>("StockLedger", "sku", sequence++, "event"));
        }
    }

    @Test
    void aQuietLedgerIsSnapshottedEveryThresholdEvents() {
        events(3);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        events(3);

        assertThat(scheduled).containsExactly("sku", "sku");
    }

    @Test
    void aBusyLedgerIsSnapshottedAtMostOncePerInterval() {
        events(3);
        nanos.addAndGet(Duration.ofMillis(300).toNanos());
        events(30);
        assertThat(scheduled).as("within the interval: no second snapshot however many events").hasSize(1);

        nanos.addAndGet(Duration.ofMillis(700).toNanos());
        events(1);
        assertThat(scheduled).as("the interval has passed and the count was reached long ago").hasSize(2);
    }

    @Test
    void aLedgerWithALargeStateWaitsForAsManyEventsAsItsLastSnapshotHadEntries() {
        events(3);
        assertThat(scheduled).hasSize(1);
        sizes.record("sku", 10);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());

        events(9);
        assertThat(scheduled).as("9 events since, the snapshot holds 10 entries").hasSize(1);
        events(1);
        assertThat(scheduled).hasSize(2);

        sizes.record("other-sku", 1_000);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        events(3);
        assertThat(scheduled).as("another ledger's size does not count").hasSize(2);
        events(7);
        assertThat(scheduled).hasSize(3);
    }

    @Test
    void aLedgerThatShrankBelowTheThresholdIsSnapshottedAtTheThresholdAgain() {
        sizes.record("sku", 10);
        sizes.record("sku", 2);
        events(3);

        assertThat(scheduled).as("its last snapshot held 2 entries, fewer than the threshold of 3").hasSize(1);
        assertThat(sizes.of("sku")).as("a size at or under the threshold is not kept").isZero();
    }
}
