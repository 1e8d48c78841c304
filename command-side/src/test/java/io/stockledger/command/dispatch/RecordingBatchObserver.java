package io.stockledger.command.dispatch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps everything the dispatcher tells its observer, for tests to assert on; safe to call from any thread. */
final class RecordingBatchObserver implements BatchObserver {

    /** Commands per ledger write, in the order written. */
    final List<Integer> writes = Collections.synchronizedList(new ArrayList<>());
    /** Ledgers per shared transaction. */
    final List<Integer> sharedTransactions = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger splits = new AtomicInteger();
    final AtomicInteger sharedTransactionSplits = new AtomicInteger();
    /** How long each order waited for its slot, in nanoseconds. */
    final List<Long> slotWaits = Collections.synchronizedList(new ArrayList<>());
    /** Orders per unit of work, in the order written. */
    final List<Integer> orderWrites = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger orderSplits = new AtomicInteger();

    @Override
    public void written(Batch batch, int size) {
        switch (batch) {
            case LEDGER -> writes.add(size);
            case SHARED_TRANSACTION -> sharedTransactions.add(size);
            case ORDERS -> orderWrites.add(size);
        }
    }

    @Override
    public void split(Batch batch, int size) {
        switch (batch) {
            case LEDGER -> splits.incrementAndGet();
            case SHARED_TRANSACTION -> sharedTransactionSplits.incrementAndGet();
            case ORDERS -> orderSplits.incrementAndGet();
        }
    }

    @Override
    public void orderSlotWaited(long nanos) {
        slotWaits.add(nanos);
    }
}
