package io.stockledger.api.cluster;

import io.stockledger.testsupport.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReadModelSegmentSpreadTest {

    private static final Duration RELEASE = Duration.ofSeconds(15);
    private static final Duration BACK_OFF = Duration.ofMinutes(5);

    /** A cluster's claims in memory: this instance's segments, and the segments nobody holds. */
    private static final class Claims implements SegmentClaims {
        int segments = 2;
        int members = 1;
        final Set<Integer> held = new HashSet<>(Set.of(0, 1));
        final Set<Integer> unclaimed = new HashSet<>();
        final Map<Integer, Duration> releases = new HashMap<>();

        @Override
        public boolean running() {
            return true;
        }

        @Override
        public Set<Integer> held() {
            return Set.copyOf(held);
        }

        @Override
        public int segments() {
            return segments;
        }

        @Override
        public Set<Integer> unclaimed() {
            return Set.copyOf(unclaimed);
        }

        @Override
        public int members() {
            return members;
        }

        @Override
        public void release(int segment, Duration duration) {
            held.remove(segment);
            unclaimed.add(segment);
            releases.put(segment, duration);
        }

        /** Another instance claims the segment. */
        void claimedElsewhere(int segment) {
            unclaimed.remove(segment);
        }

        /** This instance claims it again (its release over, nobody else took it). */
        void claimedBack(int segment) {
            unclaimed.remove(segment);
            held.add(segment);
        }
    }

    private final Claims claims = new Claims();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T15:00:00Z"));
    private final ReadModelSegmentSpread spread = new ReadModelSegmentSpread(claims, RELEASE, BACK_OFF, clock);

    @Test
    void aShareIsTheSegmentsDividedByTheMembersRoundedUp() {
        assertThat(new SegmentShare(2, 1).perMember()).isEqualTo(2);
        assertThat(new SegmentShare(2, 2).perMember()).isEqualTo(1);
        assertThat(new SegmentShare(2, 3).perMember()).isEqualTo(1);
        assertThat(new SegmentShare(5, 2).perMember()).isEqualTo(3);
        assertThat(new SegmentShare(4, 2).beyondShare(Set.of(3, 0, 2))).as("the highest go").containsExactly(3);
    }

    @Test
    void aloneTheInstanceKeepsEverySegment() {
        assertThat(spread.check()).isEmpty();
        assertThat(claims.held).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void withASecondMemberTheInstanceReleasesWhatIsBeyondItsShareOnceAndForLongEnough() {
        claims.members = 2;

        assertThat(spread.check()).containsExactly(1);
        assertThat(claims.releases).containsEntry(1, RELEASE);
        clock.advance(Duration.ofSeconds(10));
        assertThat(spread.check()).as("nothing more beyond the share").isEmpty();
        claims.claimedElsewhere(1);
        clock.advance(Duration.ofSeconds(30));
        assertThat(spread.check()).as("the share held, the other one's segment is not this one's concern").isEmpty();
        assertThat(claims.held).containsExactly(0);
    }

    @Test
    void aSegmentNobodyTookIsKeptForTheBackOffBeforeItIsOfferedAgain() {
        claims.members = 2;
        assertThat(spread.check()).containsExactly(1);
        clock.advance(RELEASE);
        claims.claimedBack(1); // the other instance did not take it

        assertThat(spread.check()).as("just came back").isEmpty();
        clock.advance(BACK_OFF.minusSeconds(1));
        assertThat(spread.check()).as("still backing off").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(spread.check()).as("offered again").containsExactly(1);
    }

    @Test
    void aSegmentStillUnclaimedWhenItsReleaseEndsCountsAsNotTaken() {
        claims.members = 2;
        spread.check();
        clock.advance(RELEASE); // not yet reclaimed here either: still in the unclaimed list

        assertThat(spread.check()).isEmpty();
        claims.claimedBack(1);
        clock.advance(Duration.ofSeconds(10));
        assertThat(spread.check()).as("kept, not released again at once").isEmpty();
        assertThat(claims.held).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void withThreeMembersAndTwoSegmentsAnInstanceHoldingOneKeepsIt() {
        claims.members = 3;
        claims.held.remove(1);
        claims.claimedElsewhere(1);

        assertThat(spread.check()).isEmpty();
        assertThat(claims.held).containsExactly(0);
        assertThat(List.copyOf(claims.releases.keySet())).isEmpty();
    }
}
