package io.stockledger.command.dispatch;

import io.stockledger.command.api.LedgerRefusal;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;

/**
 * Decides a refused command once more when its ledger's cached copy was behind the store, for one ledger's write.
 *
 * <p>With several instances on one database, each caches its own copy of a ledger. A stale copy is caught when it
 * appends (the store's unique (aggregate, sequence) key conflicts and the command is retried on a fresh load), but a
 * refusal appends nothing: a confirm for a reservation another instance just made would be refused as not found.
 * So before a refusal is answered, the store's last sequence number of its ledger is read (once per write, however
 * many of its commands were refused) and compared with the version the ledger refused at; if the store is ahead,
 * the cached copy is evicted and the command is sent once more, and whatever it gets then is the answer. With one
 * instance the versions always match. A fault while reading the store is that command's answer, so the existing
 * database-fault classification answers it (503), as it would any command that cannot reach the database.
 */
final class StaleRefusals {

    private final StoredLedgers store;
    private final String ledgerId;
    private final LedgerWriter.Dispatch again;
    private Long storedLast;
    private boolean evicted;

    StaleRefusals(StoredLedgers store, String ledgerId, LedgerWriter.Dispatch again) {
        this.store = store;
        this.ledgerId = ledgerId;
        this.again = again;
    }

    /** The answer the command's caller gets: the one given, or the fresh decision if the refusal was stale. */
    CommandResultMessage<?> answer(CommandMessage<?> command, CommandResultMessage<?> answered) {
        if (!answered.isExceptional() || !(answered.exceptionResult() instanceof LedgerRefusal refusal)
                || refusal.decidedAtVersion() == LedgerRefusal.VERSION_UNKNOWN) {
            return answered;
        }
        try {
            if (storedLast == null) {
                storedLast = store.lastSequence(ledgerId);
            }
        } catch (RuntimeException fault) {
            return GenericCommandResultMessage.asCommandResultMessage(fault);
        }
        if (!isStale(refusal.decidedAtVersion(), storedLast)) {
            return answered;
        }
        if (!evicted) {
            store.evict(ledgerId);
            evicted = true;
        }
        return again.andWait(command);
    }

    /**
     * A refusal decided at {@code decidedAt} was possibly decided on a stale copy when the store holds a later
     * event of its ledger. (A later event appended by another instance after the refusal makes it look stale too:
     * deciding such a command once more is harmless, as its refusal wrote nothing.)
     */
    static boolean isStale(long decidedAt, long storedLast) {
        return decidedAt != LedgerRefusal.VERSION_UNKNOWN && storedLast > decidedAt;
    }
}
