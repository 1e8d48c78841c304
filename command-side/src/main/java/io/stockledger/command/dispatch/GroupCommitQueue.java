package io.stockledger.command.dispatch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit, leaders and followers: at most {@code leaders} batches are written at a time, and the items that
 * arrive meanwhile wait here in arrival order. An item that finds a leader's place free is written at once, alone: no
 * delay is ever added. When a write ends, the item at the head of the queue is elected and its caller writes next:
 * its own item together with the later waiting items its {@link BatchRule} takes. The callers whose items it took
 * return and wait for their own answers. So batches form only from items that were already waiting, and their size
 * follows the load.
 */
final class GroupCommitQueue<T> {

    private record Waiting<T>(T item, Turn<T> turn) {
    }

    private final int leaders;
    private final BatchRule<T> rule;
    private final AtomicInteger depth;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedList<Waiting<T>> waiting = new LinkedList<>();
    private int writing;

    /**
     * @param depth counts the items waiting here (several queues may share one count): changed under the queue's lock
     *              as items join and leave, so an item counted is in the queue, in its place
     */
    GroupCommitQueue(int leaders, BatchRule<T> rule, AtomicInteger depth) {
        if (leaders < 1) {
            throw new IllegalArgumentException("leaders must be at least 1");
        }
        this.leaders = leaders;
        this.rule = rule;
        this.depth = depth;
    }

    /**
     * Queues the item and waits for its turn. Returns the batch this thread must now write (the given item first), or
     * an empty list when another thread took the item into its batch. A caller that gets a batch must call
     * {@link #finished()} once it is written.
     */
    List<T> join(T item) {
        Turn<T> turn = new Turn<>();
        lock.lock();
        try {
            waiting.addLast(new Waiting<>(item, turn));
            depth.incrementAndGet();
            if (writing < leaders) {
                writing++;
                return takeBatch();
            }
        } finally {
            lock.unlock();
        }
        return turn.await();
    }

    /** A batch is written: its leader's place goes to the head of the queue, with its batch, or is free. */
    void finished() {
        lock.lock();
        try {
            if (waiting.isEmpty()) {
                writing--;
                return;
            }
            Turn<T> elected = waiting.peekFirst().turn();
            elected.lead(takeBatch());
        } finally {
            lock.unlock();
        }
    }

    /** The head of the queue and what the rule takes after it; the followers taken are told to return. */
    private List<T> takeBatch() {
        List<T> batch = new ArrayList<>();
        batch.add(waiting.removeFirst().item());
        depth.decrementAndGet();
        Iterator<Waiting<T>> later = waiting.iterator();
        while (later.hasNext()) {
            Waiting<T> next = later.next();
            BatchRule.Decision decision = rule.decide(batch, next.item());
            if (decision == BatchRule.Decision.STOP) {
                break;
            }
            if (decision == BatchRule.Decision.TAKE) {
                later.remove();
                depth.decrementAndGet();
                batch.add(next.item());
                next.turn().follow();
            }
        }
        return batch;
    }
}
