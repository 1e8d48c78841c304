package io.stockledger.eventstore.position;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

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

    private static TrackedEventMessage<?> event(TrackingToken token) {
        return new GenericTrackedEventMessage<>(token, GenericEventMessage.asEventMessage("payload"));
    }
}
