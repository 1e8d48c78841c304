package io.stockledger.command.dispatch;

/**
 * Told what group commit does, so operators can see it work: the size of every batch written, by kind (1 for a
 * command or an order written alone), and every batch that failed as a whole and was split. The service backs it with
 * metrics; tests count with it directly.
 */
public interface BatchObserver {

    BatchObserver NONE = new BatchObserver() {
    };

    /** The kinds of batch group commit writes, each sized in its own unit. */
    enum Batch {
        /** Commands for one ledger in one unit of work, sized in commands. */
        LEDGER,
        /** Several ledgers' writes in one transaction (two or more), sized in ledgers. */
        SHARED_TRANSACTION,
        /** Orders (reserve, confirm, release of a whole order) in one unit of work, sized in orders. */
        ORDERS
    }

    /** A batch of this kind and size was written. */
    default void written(Batch batch, int size) {
    }

    /**
     * A batch of this kind and size failed as a whole (not a member's refusal), and its members were written again on
     * their own: a ledger's commands one by one, a shared transaction's ledgers each in their own, orders one by one.
     */
    default void split(Batch batch, int size) {
    }

    /**
     * A command spanning several ledgers (an order) waited this long for an order slot, that is until the write that
     * took it began (0 when a slot was free).
     */
    default void orderSlotWaited(long nanos) {
    }
}
