package io.stockledger.command.dispatch;

/**
 * Told what group commit does, so operators can see it work: the size of every write (1 for a command written
 * alone), and every batch that failed as a whole and was split into its members. The service backs it with
 * metrics; tests count with it directly.
 */
public interface BatchObserver {

    BatchObserver NONE = new BatchObserver() {
        @Override
        public void written(int commands) {
        }

        @Override
        public void split(int commands) {
        }
    };

    /** One unit of work for one ledger was dispatched with this many commands. */
    void written(int commands);

    /** A batch of this many commands failed as a whole (not a refusal) and its members are sent one by one. */
    void split(int commands);
}
