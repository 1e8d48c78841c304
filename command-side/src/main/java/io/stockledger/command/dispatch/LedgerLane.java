package io.stockledger.command.dispatch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue in front of the ledgers that hash to one stripe: at most one write (one command, or one batch of
 * commands for one ledger) is under way at a time, and the commands arriving meanwhile wait here in arrival order.
 *
 * <p>Group commit, leader and followers: a caller that finds the lane free writes at once, alone; no delay is ever
 * added. A caller that finds it busy waits. When a write ends, the caller at the head of the queue is elected and
 * writes next: its own command together with every later waiting command for the same ledger (up to a cap), as one
 * batch. The callers whose commands it took return and wait for their own answers. So batches form only from
 * commands that were already waiting, and their size follows the load.
 */
final class LedgerLane {

    private final int maxBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedList<QueuedCommand> waiting = new LinkedList<>();
    private boolean writing;

    LedgerLane(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    /**
     * Queues the command and waits for its turn. Returns the commands this thread must now write (the given one
     * first), or an empty list when another thread took the command into its batch. A caller that gets a non-empty
     * list must call {@link #finished()} once they are written.
     */
    List<QueuedCommand> join(QueuedCommand command) {
        lock.lock();
        try {
            waiting.addLast(command);
            if (!writing) {
                writing = true;
                return takeBatch();
            }
        } finally {
            lock.unlock();
        }
        if (command.awaitTakenOrElected()) {
            return List.of();
        }
        lock.lock();
        try {
            return takeBatch();
        } finally {
            lock.unlock();
        }
    }

    /** The current write is over: the lane is free, or the head of the queue writes next. */
    void finished() {
        lock.lock();
        try {
            QueuedCommand next = waiting.peekFirst();
            if (next == null) {
                writing = false;
            } else {
                next.elect();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The head of the queue and, if it may be batched, the later waiting commands for the same ledger in arrival
     * order, stopping at one that may not (it must wait for its own turn, after them). Commands for other ledgers
     * sharing the stripe keep their places.
     */
    private List<QueuedCommand> takeBatch() {
        QueuedCommand head = waiting.removeFirst();
        List<QueuedCommand> batch = new ArrayList<>();
        batch.add(head);
        if (!head.batchable()) {
            return batch;
        }
        Iterator<QueuedCommand> later = waiting.iterator();
        while (later.hasNext() && batch.size() < maxBatch) {
            QueuedCommand next = later.next();
            if (!next.ledgerId().equals(head.ledgerId())) {
                continue;
            }
            if (!next.batchable()) {
                break;
            }
            later.remove();
            batch.add(next);
            next.take();
        }
        return batch;
    }
}
