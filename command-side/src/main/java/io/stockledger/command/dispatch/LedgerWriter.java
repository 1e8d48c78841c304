package io.stockledger.command.dispatch;

import io.stockledger.command.groupcommit.BatchMemberOutcome;
import io.stockledger.command.groupcommit.CrossLedgerBatch;
import io.stockledger.command.groupcommit.LedgerBatchResult;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Writes what a writer's turn brought: one ledger's commands, or several ledgers' in one transaction, and answers each
 * caller with exactly its own outcome.
 *
 * <p>One ledger: a command alone, or a {@link io.stockledger.command.groupcommit.LedgerCommandBatch} (one aggregate load, one
 * unit of work). A batch that fails as a whole (anything but a refusal: a key that the request registry finds used on
 * another SKU, a ledger that does not exist yet, a bug) is split, and its members are sent one by one in order, so one
 * bad command takes no other down with it. A batch that lost an append race to another instance is retried whole by
 * the gateway's retry scheduler, like a single command; if every retry loses, each member gets that failure.
 *
 * <p>Several ledgers: one {@link CrossLedgerBatch}, one unit of work and one transaction over all of them, sent once
 * without retries. If it fails as a whole (a race on any of the ledgers, a registry conflict), nothing of it was
 * written, and each ledger's commands are written again on their own as above; so is a ledger that does not exist.
 *
 * <p>Before a refusal is answered, {@link StaleRefusals} checks that its ledger's cached copy was not behind the
 * store (another instance appended since), and if it was, decides the command once more on a fresh load.
 */
final class LedgerWriter {

    /** Sends a command through the command bus and waits for its answer. */
    @FunctionalInterface
    interface Dispatch {
        CommandResultMessage<?> andWait(CommandMessage<?> command);
    }

    private final Dispatch withRetries;
    private final Dispatch once;
    private final BatchObserver observer;
    private final StoredLedgers store;

    /**
     * @param withRetries sends a command, retrying it when it lost an append race
     * @param once        sends a command once
     * @param store       tells a refusal decided on a cached ledger behind the store ({@link StaleRefusals})
     */
    LedgerWriter(Dispatch withRetries, Dispatch once, BatchObserver observer, StoredLedgers store) {
        this.withRetries = withRetries;
        this.once = once;
        this.observer = observer;
        this.store = store;
    }

    void write(List<PendingLedgerWrite> waited) {
        // a command whose caller has given up never enters a transaction
        List<PendingLedgerWrite> queued = waited.stream().map(PendingLedgerWrite::claimForWriting)
                .filter(Objects::nonNull).toList();
        if (queued.isEmpty()) {
            return;
        }
        if (queued.size() == 1) {
            write(queued.getFirst());
            return;
        }
        // ledgers are taken in their one fixed order, as an order's ledgers are: no two writers wait in a circle
        List<PendingLedgerWrite> writes = queued.stream()
                .sorted(Comparator.comparing(PendingLedgerWrite::ledgerId)).toList();
        observer.written(BatchObserver.Batch.SHARED_TRANSACTION, writes.size());
        CrossLedgerBatch batch = new CrossLedgerBatch(writes.stream().map(PendingLedgerWrite::asBatch).toList());
        CommandResultMessage<?> result = once.andWait(GenericCommandMessage.asCommandMessage(batch));
        if (result.isExceptional()) {
            observer.split(BatchObserver.Batch.SHARED_TRANSACTION, writes.size());
            writes.forEach(this::write);
            return;
        }
        List<?> results = (List<?>) result.getPayload();
        for (int i = 0; i < writes.size(); i++) {
            LedgerBatchResult ledger = (LedgerBatchResult) results.get(i);
            if (ledger.isLedgerMissing()) {
                write(writes.get(i)); // each command then gets its own answer for a ledger that does not exist
            } else {
                observer.written(BatchObserver.Batch.LEDGER, writes.get(i).size());
                deliver(writes.get(i), ledger.outcomes());
            }
        }
    }

    private void write(PendingLedgerWrite write) {
        List<QueuedCommand> commands = write.commands();
        observer.written(BatchObserver.Batch.LEDGER, commands.size());
        if (commands.size() == 1) {
            alone(commands.getFirst());
            return;
        }
        CommandResultMessage<?> result = withRetries.andWait(GenericCommandMessage.asCommandMessage(write.asBatch()));
        if (!result.isExceptional()) {
            deliver(write, (List<?>) result.getPayload());
        } else if (ConcurrencyConflictRetryScheduler.isConcurrencyConflict(result.exceptionResult())) {
            // every retry of the whole batch lost its race: nothing was written, each member gets what it would
            // have got alone after losing every retry
            commands.forEach(command -> command.deliver(result));
        } else {
            observer.split(BatchObserver.Batch.LEDGER, commands.size());
            commands.forEach(this::alone);
        }
    }

    private void alone(QueuedCommand command) {
        CommandResultMessage<?> answered = withRetries.andWait(command.message());
        command.deliver(staleRefusals(command.ledgerId().toString()).answer(command.message(), answered));
    }

    private void deliver(PendingLedgerWrite write, List<?> outcomes) {
        List<QueuedCommand> commands = write.commands();
        StaleRefusals staleRefusals = staleRefusals(write.ledgerId().toString());
        for (int i = 0; i < commands.size(); i++) {
            QueuedCommand command = commands.get(i);
            command.deliver(staleRefusals.answer(command.message(), ((BatchMemberOutcome) outcomes.get(i)).asAnswer()));
        }
    }

    /** A refusal is decided once more, alone, when its ledger's cached copy was behind the store. */
    private StaleRefusals staleRefusals(String ledgerId) {
        return new StaleRefusals(store, ledgerId, withRetries);
    }
}
