package io.stockledger.eventstore.position;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Gives each event read from the store, in the order of the stream, its own global index (the {@code global_index} of
 * its row) as the metadata entry {@value #METADATA_KEY}, so a projection keyed by store position gets it right.
 *
 * <p>Why: an event's tracking token is not its position. Appends commit out of index order (a group commit holds its
 * indexes while it writes; two writers race), so a tracking processor meets an index first as a gap and the event
 * later. The JDBC engine then gives the late event the token it advances to, which keeps the highest index already
 * seen and only drops the event's index from the gaps: {@code token.position()} is that highest index, another
 * event's. The late event's own index is the gap the token closed: the highest index among the previous token's gaps
 * missing from this one (gaps dropped as too old are all lower). Knowing the previous token takes the whole stream, in
 * order, as the storage engine yields it, before any processor filters it by segment; hence here.
 *
 * <p>Not persisted: the entry exists only on messages read through the engine, never in the store's rows or chain.
 * One instance per stream: it remembers the stream's previous token.
 */
public final class GlobalIndexStamping implements Function<TrackedEventMessage<?>, TrackedEventMessage<?>> {

    /** The metadata entry: the event's {@code global_index} as a number. */
    public static final String METADATA_KEY = "global_index";

    private TrackingToken previous;

    /** For a stream opened after {@code start} (null: from the beginning). */
    public GlobalIndexStamping(TrackingToken start) {
        this.previous = start;
    }

    @Override
    public TrackedEventMessage<?> apply(TrackedEventMessage<?> event) {
        TrackingToken current = event.trackingToken();
        OptionalLong index = indexOf(previous, current);
        previous = current;
        if (index.isEmpty()) {
            return event;
        }
        return stamped(event, current, index.getAsLong());
    }

    /**
     * The event with the entry, merged into its metadata only when a handler asks for it; a domain event stays one
     * and also holds the index itself ({@link GlobalIndexParameterResolverFactory}), and its timestamp is still parsed
     * only if read.
     */
    private static <T> TrackedEventMessage<T> stamped(TrackedEventMessage<T> event, TrackingToken token, long index) {
        LazyMetaDataEntry<T> message = new LazyMetaDataEntry<>(event, METADATA_KEY, index);
        if (event instanceof DomainEventMessage<?> domain) {
            return new GlobalIndexedEventMessage<>(token, domain.getType(), domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(), message, event::getTimestamp, index);
        }
        return new GenericTrackedEventMessage<>(token, message, event::getTimestamp);
    }

    /** The index of the event whose token is {@code current}, read just after the one whose token is {@code previous}. */
    static OptionalLong indexOf(TrackingToken previous, TrackingToken current) {
        if (!(current instanceof GapAwareTrackingToken now)) {
            return current == null ? OptionalLong.empty() : current.position();
        }
        if (!(previous instanceof GapAwareTrackingToken before) || now.getIndex() > before.getIndex()) {
            return OptionalLong.of(now.getIndex());
        }
        SortedSet<Long> closed = new TreeSet<>(before.getGaps());
        closed.removeAll(now.getGaps());
        return closed.isEmpty() ? OptionalLong.empty() : OptionalLong.of(closed.last());
    }
}
