package io.stockledger.api.cluster;

import io.stockledger.command.routing.LedgerCluster;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@link SegmentClaims} of an Axon tracking processor: its own status, the token store, the cluster's view. */
final class ProcessorClaims implements SegmentClaims {

    private final Supplier<TrackingEventProcessor> processor;
    private final TokenStore tokens;
    private final LedgerCluster cluster;

    ProcessorClaims(Supplier<TrackingEventProcessor> processor, TokenStore tokens, LedgerCluster cluster) {
        this.processor = processor;
        this.tokens = tokens;
        this.cluster = cluster;
    }

    @Override
    public boolean running() {
        TrackingEventProcessor tracking = processor.get();
        return tracking != null && tracking.isRunning();
    }

    @Override
    public Set<Integer> held() {
        return Set.copyOf(processor.get().processingStatus().keySet());
    }

    @Override
    public int segments() {
        return tokens.fetchSegments(processor.get().getName()).length;
    }

    @Override
    public Set<Integer> unclaimed() {
        return tokens.fetchAvailableSegments(processor.get().getName()).stream().map(Segment::getSegmentId)
                .collect(Collectors.toSet());
    }

    @Override
    public int members() {
        return cluster.members().size();
    }

    @Override
    public void release(int segment, Duration duration) {
        processor.get().releaseSegment(segment, duration.toMillis(), TimeUnit.MILLISECONDS);
    }
}
