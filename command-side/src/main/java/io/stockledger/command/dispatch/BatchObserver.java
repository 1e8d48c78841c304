package io.stockledger.command.dispatch;

/**
 * Told what group commit does, so operators can see it work: how many commands each ledger's write carried (1 for a
 * command written alone), how many ledgers shared a transaction, how many orders went together, and every batch
 * that failed as a whole and was split. The service backs it with metrics; tests count with it directly.
 */
public interface BatchObserver {

    BatchObserver NONE = new BatchObserver() {
        @Override
        public void written(int commands) {
        }

        @Override
        public void sharedTransaction(int ledgers) {
        }

        @Override
        public void split(int commands) {
        }

        @Override
        public void sharedTransactionSplit(int ledgers) {
        }
    };

    /** One ledger was written with this many commands in one unit of work. */
    void written(int commands);

    /** This many ledgers (at least two) were written in one transaction. */
    void sharedTransaction(int ledgers);

    /** A batch of this many commands for one ledger failed as a whole (not a refusal) and its members were sent one by one. */
    void split(int commands);

    /** A transaction over this many ledgers failed as a whole; each ledger's commands were written on their own. */
    void sharedTransactionSplit(int ledgers);

    /**
     * A command spanning several ledgers (an order) waited this long for an order slot, that is until the write that
     * took it began (0 when a slot was free).
     */
    default void orderSlotWaited(long nanos) {
    }

    /** This many orders were written in one unit of work (1 for an order written alone). */
    default void ordersWritten(int orders) {
    }

    /** A batch of this many orders failed as a whole and its orders were sent one by one. */
    default void ordersSplit(int orders) {
    }
}
