package io.stockledger.api.cluster;

import java.time.Duration;
import java.util.Set;

/** What {@link ReadModelSegmentSpread} sees of a processor's segments in the cluster, and the one thing it does. */
interface SegmentClaims {

    /** Whether this instance's processor is running (nothing is spread while it is not). */
    boolean running();

    /** The segments this instance is processing now. */
    Set<Integer> held();

    /** How many segments the processor has in all. */
    int segments();

    /** The segments nobody holds now. */
    Set<Integer> unclaimed();

    /** How many instances the cluster has, this one included. */
    int members();

    /** Lets go of a segment, and does not claim it again for {@code duration}. */
    void release(int segment, Duration duration);
}
