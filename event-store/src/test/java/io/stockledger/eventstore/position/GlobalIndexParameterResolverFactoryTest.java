package io.stockledger.eventstore.position;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler's {@code @MetaDataValue("global_index")} parameter, resolved through Axon's classpath resolvers as the
 * service's handlers are: from a stamped event without reading its metadata, from the metadata of any other event
 * that carries the entry, and null where there is none.
 */
class GlobalIndexParameterResolverFactoryTest {

    /** Records the index each event was handled with, as the movement journal's handler asks for it. */
    static final class Journal {
        final List<Number> indexes = new ArrayList<>();

        @EventHandler
        void on(String payload, @MetaDataValue(GlobalIndexStamping.METADATA_KEY) Number globalIndex) {
            indexes.add(globalIndex);
        }
    }

    private final Journal journal = new Journal();
    private final AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(journal,
            ClasspathParameterResolverFactory.forClass(Journal.class));

    @Test
    void aStampedEventGivesItsIndexWithoutItsMetadataBeingRead() throws Exception {
        AtomicInteger metaDataReads = new AtomicInteger();
        Message<String> stored = new GenericMessage<>("event-1", "payload", MetaData.with("actor", "ops")) {
            @Override
            public MetaData getMetaData() {
                metaDataReads.incrementAndGet();
                return super.getMetaData();
            }
        };
        TrackedEventMessage<String> read = new GenericTrackedDomainEventMessage<>(
                GapAwareTrackingToken.newInstance(41, List.of()), "StockLedger", "sku:wh", 7, stored,
                () -> Instant.parse("2026-12-07T07:00:00Z"));

        handle(new GlobalIndexStamping(null).apply(read));

        assertThat(journal.indexes).containsExactly(41L);
        assertThat(metaDataReads).as("metadata read to resolve the index").hasValue(0);
    }

    @Test
    void anyOtherEventGivesTheEntryOfItsMetadataOrNothing() throws Exception {
        handle(GenericEventMessage.asEventMessage("payload")
                .andMetaData(MetaData.with(GlobalIndexStamping.METADATA_KEY, 7L)));
        handle(GenericEventMessage.asEventMessage("payload"));

        assertThat(journal.indexes).containsExactly(7L, null);
    }

    @Test
    void aStampedEventWhoseMetadataWasChangedStillGivesItsIndex() throws Exception {
        TrackedEventMessage<String> read = new GenericTrackedDomainEventMessage<>(
                GapAwareTrackingToken.newInstance(12, List.of()), "StockLedger", "sku:wh", 0,
                new GenericMessage<>("payload"), Instant::now);

        // a message rebuilt with more metadata is Axon's own class again: the index comes from the merged entry
        handle(new GlobalIndexStamping(null).apply(read).andMetaData(MetaData.with("more", 1)));

        assertThat(journal.indexes).containsExactly(12L);
    }

    private void handle(EventMessage<?> event) throws Exception {
        DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> adapter.handle(event));
    }
}
