package io.stockledger.command.dispatch;

import java.util.concurrent.Semaphore;

/**
 * The few slots in which commands spanning several ledgers (orders) may run at once on this instance. An order holds
 * the locks of all its ledgers, and a database connection, for its whole unit of work; one that waits there for a hot
 * ledger's lock keeps its connection idle all that time. Unbounded, orders queued behind a hot SKU took the pool, and
 * group commit's writers, which need a connection per transaction, starved with them. Waiting for a slot here costs no
 * connection. The semaphore is fair: slots go in arrival order, so no order is overtaken forever.
 */
final class OrderSlots {

    private final Semaphore slots;

    /** @param slots at most this many orders under way at once ({@link Integer#MAX_VALUE}: no limit) */
    OrderSlots(int slots) {
        if (slots < 1) {
            throw new IllegalArgumentException("an order needs at least one slot: " + slots);
        }
        this.slots = new Semaphore(slots, true);
    }

    /** Blocks until a slot is free and takes it; answers how long it waited, in nanoseconds. */
    long take() throws InterruptedException {
        long start = System.nanoTime();
        slots.acquire();
        return System.nanoTime() - start;
    }

    /** Gives back a slot taken by {@link #take()}. */
    void give() {
        slots.release();
    }

    /** Orders waiting for a slot right now: those queued in the semaphore. */
    int waiting() {
        return slots.getQueueLength();
    }
}
