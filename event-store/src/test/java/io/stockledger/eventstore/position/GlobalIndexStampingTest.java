package io.stockledger.eventstore.position;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokens below are the ones the JDBC engine makes (GapAwareTrackingToken.advanceTo, max gap offset 10,000):
 * events stored at 1, 2 and 5 first while 3 and 4 are still being written, then 4 and 3 when their transactions commit.
 */
class GlobalIndexStampingTest {

    private static final int MAX_GAP_OFFSET = 10_000;

    @Test
    void eachEventGetsItsOwnIndexAlsoWhenItClosesAGap() {
        GapAwareTrackingToken one = GapAwareTrackingToken.newInstance(1, List.of());
        GapAwareTrackingToken two = one.advanceTo(2, MAX_GAP_OFFSET);
        GapAwareTrackingToken five = two.advanceTo(5, MAX_GAP_OFFSET);
        GapAwareTrackingToken four = five.advanceTo(4, MAX_GAP_OFFSET);
        GapAwareTrackingToken three = four.advanceTo(3, MAX_GAP_OFFSET);
        assertThat(three.position()).as("the token of the event at 3 says 5").hasValue(5);

        List<Object> stamped = Stream.of(one, two, five, four, three).map(GlobalIndexStampingTest::event)
                .map(new GlobalIndexStamping(null))
                .map(event -> event.getMetaData().get(GlobalIndexStamping.METADATA_KEY)).toList();

        assertThat(stamped).containsExactly(1L, 2L, 5L, 4L, 3L);
    }

    @Test
    void aStreamOpenedAfterATokenWithGapsKnowsWhichGapItsFirstEventCloses() {
        GapAwareTrackingToken start = GapAwareTrackingToken.newInstance(9, List.of(6L, 7L));
        GapAwareTrackingToken seven = start.advanceTo(7, MAX_GAP_OFFSET);

        assertThat(GlobalIndexStamping.indexOf(start, seven)).hasValue(7);
        assertThat(GlobalIndexStamping.indexOf(seven, seven.advanceTo(10, MAX_GAP_OFFSET))).hasValue(10);
        assertThat(GlobalIndexStamping.indexOf(null, start)).hasValue(9);
    }

    @Test
    void otherTokensAreTheirOwnPosition() {
        assertThat(GlobalIndexStamping.indexOf(new GlobalSequenceTrackingToken(3),
                new GlobalSequenceTrackingToken(4))).hasValue(4);
    }

    /**
     * Stamping must not read what it does not need: the stored metadata (JSON until asked for) and the stored
     * timestamp (text until asked for) of an event whose handlers may never look at them.
     */
    @Test
    void aStampedEventReadsItsMetadataAndTimestampOnlyWhenAskedAndStaysADomainEvent() {
        AtomicInteger metaDataReads = new AtomicInteger();
        AtomicInteger timestampReads = new AtomicInteger();
        Instant storedAt = Instant.parse("2026-12-07T07:00:00Z");
        Message<String> stored = new GenericMessage<>("event-1", "payload", MetaData.with("actor", "ops")) {
            @Override
            public MetaData getMetaData() {
                metaDataReads.incrementAndGet();
                return super.getMetaData();
            }
        };
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(41, List.of());
        TrackedEventMessage<String> read = new GenericTrackedDomainEventMessage<>(token, "StockLedger", "sku:wh", 7,
                stored, () -> {
                    timestampReads.incrementAndGet();
                    return storedAt;
                });

        TrackedEventMessage<?> stamped = new GlobalIndexStamping(null).apply(read);

        assertThat(metaDataReads).as("metadata read while stamping").hasValue(0);
        assertThat(timestampReads).as("timestamp read while stamping").hasValue(0);
        assertThat(stamped).isInstanceOfSatisfying(DomainEventMessage.class, domain -> {
            assertThat(domain.getAggregateIdentifier()).isEqualTo("sku:wh");
            assertThat(domain.getSequenceNumber()).isEqualTo(7);
            assertThat(domain.getType()).isEqualTo("StockLedger");
        });
        assertThat(stamped.trackingToken()).isSameAs(token);
        assertThat(stamped.getIdentifier()).isEqualTo("event-1");
        assertThat(stamped.getPayload()).isEqualTo("payload");
        assertThat(stamped.getMetaData()).containsEntry("actor", "ops")
                .containsEntry(GlobalIndexStamping.METADATA_KEY, 41L);
        assertThat(stamped.getTimestamp()).isEqualTo(storedAt);
        assertThat(stamped.andMetaData(Map.of("more", 1)).getMetaData())
                .containsEntry(GlobalIndexStamping.METADATA_KEY, 41L).containsEntry("more", 1);
    }

    private static TrackedEventMessage<?> event(TrackingToken token) {
        return new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage("payload"));
    }
}
