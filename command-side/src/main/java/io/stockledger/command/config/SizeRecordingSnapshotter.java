package io.stockledger.command.config;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;

/** Axon's snapshotter, which also notes the size of each snapshot it makes in {@link SnapshotSizes}. */
public class SizeRecordingSnapshotter extends SpringAggregateSnapshotter {

    private final SnapshotSizes sizes;

    protected SizeRecordingSnapshotter(Builder builder, SnapshotSizes sizes) {
        super(builder);
        this.sizes = sizes;
    }

    /** Axon's builder, building this snapshotter. */
    public static Builder builder(SnapshotSizes sizes) {
        return new Builder() {
            @Override
            public SpringAggregateSnapshotter build() {
                validate();
                return new SizeRecordingSnapshotter(this, sizes);
            }
        };
    }

    @Override
    protected DomainEventMessage createSnapshot(Class<?> aggregateType, String aggregateIdentifier,
                                                DomainEventStream eventStream) {
        DomainEventMessage snapshot = super.createSnapshot(aggregateType, aggregateIdentifier, eventStream);
        if (snapshot != null && snapshot.getPayload() instanceof SizedState sized) {
            sizes.record(aggregateIdentifier, sized.stateEntries());
        }
        return snapshot;
    }
}
