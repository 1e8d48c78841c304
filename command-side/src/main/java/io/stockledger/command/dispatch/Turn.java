package io.stockledger.command.dispatch;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * How a waiting caller learns what to do once its item leaves a {@link GroupCommitQueue}: lead (write the batch it
 * is handed, its own item first) or nothing (another caller's thread took the item into its batch).
 */
final class Turn<T> {

    private final CountDownLatch decided = new CountDownLatch(1);
    private volatile List<T> batch;

    /** The caller writes this batch next. */
    void lead(List<T> batch) {
        this.batch = batch;
        decided.countDown();
    }

    /** Another thread writes the item; the caller's thread may return. */
    void follow() {
        lead(List.of());
    }

    /** Waits until the turn is decided: the batch to write, or an empty list when another thread writes the item. */
    List<T> await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    decided.await();
                    return batch;
                } catch (InterruptedException e) {
                    // the item is queued and will be written; an interrupt must not lose its answer
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
