package io.stockledger.api.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spreads the read models' segments over the instances of a scale-out cluster. Axon's tracking processor claims every
 * segment it has a thread for, so the first instance to start would keep them all and do all the read models' work
 * while the others' threads wait. Each check, this instance lets go of the segments it holds beyond its share
 * ({@link SegmentShare}): it releases them for {@code releaseFor}, long enough for another instance's processor,
 * which looks for unclaimed segments every few seconds, to claim them. Until one does, the released segment's events
 * wait, so this happens only when an instance holds more than its share, that is after the cluster changed.
 * Instances that hold their share never release: with two segments, each of two instances keeps one, and a third
 * keeps none.
 *
 * <p>A released segment that nobody claimed comes back to this instance when the release ends (the others may all
 * be busy, or not run the read models). It is then kept for {@code backOff} before it is offered again, so that a
 * cluster that cannot take it does not see its events delayed over and over.
 */
final class ReadModelSegmentSpread {

    private static final Logger log = LoggerFactory.getLogger(ReadModelSegmentSpread.class);

    private final SegmentClaims claims;
    private final Duration releaseFor;
    private final Duration backOff;
    private final Clock clock;
    /** Segments this instance released, and when, until their release has ended. */
    private final Map<Integer, Instant> released = new HashMap<>();
    /** Segments no other instance took when released, and until when they are kept here. */
    private final Map<Integer, Instant> keptUntil = new HashMap<>();

    ReadModelSegmentSpread(SegmentClaims claims, Duration releaseFor, Duration backOff, Clock clock) {
        this.claims = claims;
        this.releaseFor = releaseFor;
        this.backOff = backOff;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${ledger.routing.segment-check-interval:10s}",
            initialDelayString = "${ledger.routing.segment-check-interval:10s}")
    void checkNow() {
        try {
            check();
        } catch (RuntimeException unavailable) {
            // the token store's database away, a processor shutting down: the next check will see
            log.warn("could not check the read models' share of segments: {}", unavailable.toString());
        }
    }

    /** Releases what this instance holds beyond its share; returns the segments released. */
    synchronized List<Integer> check() {
        if (!claims.running()) {
            return List.of();
        }
        Instant now = clock.instant();
        Set<Integer> held = claims.held();
        settleEndedReleases(held, now);
        SegmentShare share = new SegmentShare(claims.segments(), claims.members());
        if (share.segments() < held.size()) {
            return List.of(); // the segments were read while being split or merged: not a picture to act on
        }
        List<Integer> toRelease = share.beyondShare(held).stream()
                .filter(segment -> !released.containsKey(segment))
                .filter(segment -> !keptUntil.getOrDefault(segment, Instant.MIN).isAfter(now))
                .toList();
        for (int segment : toRelease) {
            claims.release(segment, releaseFor);
            released.put(segment, now);
        }
        if (!toRelease.isEmpty()) {
            log.info("released read-model segments {} for another instance: this one held {} of {}, its share with"
                    + " {} instances is {}", toRelease, held.size(), share.segments(), share.members(),
                    share.perMember());
        }
        return toRelease;
    }

    /**
     * Once a release has ended: a segment held here again, or still unclaimed, was not taken by another instance, and
     * is kept for {@code backOff}. One claimed elsewhere is where it should be.
     */
    private void settleEndedReleases(Set<Integer> held, Instant now) {
        Set<Integer> unclaimed = null;
        for (Iterator<Map.Entry<Integer, Instant>> releases = released.entrySet().iterator(); releases.hasNext(); ) {
            Map.Entry<Integer, Instant> release = releases.next();
            if (now.isBefore(release.getValue().plus(releaseFor))) {
                continue;
            }
            if (unclaimed == null) {
                unclaimed = claims.unclaimed();
            }
            int segment = release.getKey();
            if (held.contains(segment) || unclaimed.contains(segment)) {
                keptUntil.put(segment, now.plus(backOff));
                log.info("read-model segment {} was not claimed by another instance; keeping it for {}", segment,
                        backOff);
            }
            releases.remove();
        }
    }
}
