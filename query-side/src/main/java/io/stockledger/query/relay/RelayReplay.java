package io.stockledger.query.relay;

import io.nats.client.api.PublishAck;
import io.stockledger.events.LedgerEvent;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Collections;

/**
 * Republishes a range of the event store to the stream, for a consumer that lost data. Events still inside the
 * stream's duplicate window are dropped by the server (same {@code Nats-Msg-Id}); older ones are appended again, so a
 * consumer recovering this way de-duplicates by {@code event_id}.
 */
public class RelayReplay {

    /** What a replay did. */
    public record Outcome(long fromPosition, long toPosition, long published, long duplicates) {
    }

    private final EventStore eventStore;
    private final NatsRelay relay;

    public RelayReplay(EventStore eventStore, NatsRelay relay) {
        this.eventStore = eventStore;
        this.relay = relay;
    }

    /** Republishes events at global positions {@code from..to}, inclusive. */
    public Outcome replay(long fromPosition, long toPosition) throws Exception {
        long published = 0;
        long duplicates = 0;
        GapAwareTrackingToken before = GapAwareTrackingToken.newInstance(fromPosition - 1, Collections.emptySet());
        try (BlockingStream<TrackedEventMessage<?>> events = eventStore.openStream(before)) {
            while (events.hasNextAvailable()) {
                TrackedEventMessage<?> event = events.nextAvailable();
                long position = event.trackingToken().position().orElseThrow();
                if (position > toPosition) {
                    break;
                }
                if (event instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof LedgerEvent ledger) {
                    PublishAck ack = relay.publish(ledger, domain.getSequenceNumber(), domain.getMetaData());
                    if (ack.isDuplicate()) {
                        duplicates++;
                    } else {
                        published++;
                    }
                }
            }
        }
        return new Outcome(fromPosition, toPosition, published, duplicates);
    }
}
