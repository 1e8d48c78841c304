package io.stockledger.api.cluster;

import java.util.List;
import java.util.Set;

/**
 * An instance's fair share of an event processor's segments: the segments divided by the cluster's members, rounded
 * up, so that together the members can hold every segment.
 */
record SegmentShare(int segments, int members) {

    /** How many segments one member should hold at most. */
    int perMember() {
        return members <= 1 ? segments : (segments + members - 1) / members;
    }

    /**
     * The segments to let go of, of those this instance holds: the highest beyond its share (the others keep a
     * stable numbering, and with two members the first instance keeps segment 0).
     */
    List<Integer> beyondShare(Set<Integer> held) {
        return held.stream().sorted().skip(perMember()).toList();
    }
}
