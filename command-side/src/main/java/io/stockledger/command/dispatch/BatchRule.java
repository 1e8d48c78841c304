package io.stockledger.command.dispatch;

import java.util.List;

/** Which waiting items a {@link GroupCommitQueue} puts into the batch being formed, looking at them in arrival order. */
@FunctionalInterface
interface BatchRule<T> {

    enum Decision {
        /** into the batch */
        TAKE,
        /** not into this batch; it keeps its place and the next one is looked at */
        SKIP,
        /** the batch is complete */
        STOP
    }

    /**
     * @param batch     the batch so far, its leader first
     * @param candidate the next waiting item
     */
    Decision decide(List<T> batch, T candidate);
}
