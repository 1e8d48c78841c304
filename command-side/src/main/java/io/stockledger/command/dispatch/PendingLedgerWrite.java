package io.stockledger.command.dispatch;

import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.groupcommit.LedgerCommandBatch;
import org.axonframework.commandhandling.CommandMessage;

import java.util.List;

/**
 * The commands one lane lets through for one ledger at a time (one command, or a batch), on their way to a writer:
 * pending while they wait in the writers' queue and while {@link LedgerWriter} writes them. Until they are written
 * the lane stays closed to that ledger's later commands; {@link #finished()} opens it.
 */
final class PendingLedgerWrite {

    private final List<QueuedCommand> commands;
    private final GroupCommitQueue<QueuedCommand> lane;

    PendingLedgerWrite(List<QueuedCommand> commands, GroupCommitQueue<QueuedCommand> lane) {
        this.commands = List.copyOf(commands);
        this.lane = lane;
    }

    List<QueuedCommand> commands() {
        return commands;
    }

    StockLedgerId ledgerId() {
        return commands.getFirst().ledgerId();
    }

    int size() {
        return commands.size();
    }

    /**
     * Whether these commands may go into one transaction with other ledgers' commands: only commands that may be
     * batched (a lane batches only those, so the first one tells).
     */
    boolean mayShareTransaction() {
        return commands.getFirst().batchable();
    }

    /** The commands as one batch for their ledger; only when {@link #mayShareTransaction()}. */
    LedgerCommandBatch asBatch() {
        return new LedgerCommandBatch(ledgerId(), commands.stream().<CommandMessage<?>>map(QueuedCommand::message).toList());
    }

    /**
     * These commands as they go into a transaction: those whose caller's deadline passed, or who gave up, are
     * answered and left out ({@link QueuedCommand#startWriting()}); null when none is left. The lane is the same, so
     * {@link #finished()} on this write opens it.
     */
    PendingLedgerWrite claimForWriting() {
        List<QueuedCommand> live = QueuedCommand.claimForWriting(commands);
        if (live.isEmpty()) {
            return null;
        }
        return live.size() == commands.size() ? this : new PendingLedgerWrite(live, lane);
    }

    /** Lets the ledger's next commands through its lane. */
    void finished() {
        lane.finished();
    }
}
