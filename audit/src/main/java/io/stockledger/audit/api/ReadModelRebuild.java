package io.stockledger.audit.api;

/**
 * Rebuilds the read models from the event store while the service keeps answering from the current ones, and
 * switches to the rebuilt ones in one transaction once they have caught up.
 */
public interface ReadModelRebuild {

    /** Runs to the end (the read models switched), or throws, leaving the read models as they were. */
    void run(ReplayProgress progress);
}
