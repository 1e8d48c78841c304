package io.stockledger.command.dispatch;

import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.groupcommit.LedgerCommandBatch;
import io.stockledger.command.groupcommit.OrderBatch;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A command on its way to its ledger, with the caller's callback: whichever thread writes it (the caller's own, or
 * another caller's that took it into its batch) answers through here, exactly once.
 */
final class QueuedCommand {

    private final CommandMessage<?> message;
    private final CommandCallback<Object, Object> callback;
    private final StockLedgerId ledgerId;
    private final boolean batchable;
    private final AtomicBoolean delivered = new AtomicBoolean();
    private final long queuedAt = System.nanoTime();

    /** A command for one ledger; it may be batched with others for that ledger if its type may. */
    QueuedCommand(CommandMessage<?> message, StockLedgerId ledgerId, CommandCallback<?, ?> callback) {
        this(message, ledgerId, callback, LedgerCommandBatch.isBatchable(message.getPayload()));
    }

    @SuppressWarnings("unchecked")
    private QueuedCommand(CommandMessage<?> message, StockLedgerId ledgerId, CommandCallback<?, ?> callback,
                          boolean batchable) {
        this.message = message;
        this.callback = (CommandCallback<Object, Object>) callback;
        this.ledgerId = ledgerId;
        this.batchable = batchable;
    }

    /** A command on a whole order, which spans several ledgers (so it has no ledger id of its own). */
    static QueuedCommand order(CommandMessage<?> message, CommandCallback<?, ?> callback) {
        return new QueuedCommand(message, null, callback, OrderBatch.isBatchable(message.getPayload()));
    }

    CommandMessage<?> message() {
        return message;
    }

    /** The ledger the command is for; null for an order's. */
    StockLedgerId ledgerId() {
        return ledgerId;
    }

    boolean batchable() {
        return batchable;
    }

    /** How long ago the command was queued, in nanoseconds. */
    long nanosSinceQueued() {
        return System.nanoTime() - queuedAt;
    }

    /** Hands the caller its own outcome; only the first outcome counts. */
    @SuppressWarnings("unchecked")
    void deliver(CommandResultMessage<?> outcome) {
        if (delivered.compareAndSet(false, true)) {
            callback.onResult((CommandMessage<Object>) message, (CommandResultMessage<Object>) outcome);
        }
    }

    boolean delivered() {
        return delivered.get();
    }

    /**
     * Claims the command for a transaction about to start: false when its caller's deadline passed or the caller gave
     * up (the command must then be dropped, see {@link #drop()}). A command without a deadline is always written.
     */
    boolean startWriting() {
        return !(callback instanceof CommandTicket<?> ticket) || ticket.startWriting();
    }

    /** Answers a command that is not written because its caller's deadline passed. */
    void drop() {
        deliver(GenericCommandResultMessage.asCommandResultMessage(CommandTicket.deadlineExceeded()));
    }

    /**
     * The commands as they go into a transaction: each is claimed ({@link #startWriting()}), and those whose caller's
     * deadline passed, or who gave up, are answered and left out.
     */
    static List<QueuedCommand> claimForWriting(List<QueuedCommand> commands) {
        List<QueuedCommand> live = new ArrayList<>(commands.size());
        for (QueuedCommand command : commands) {
            if (command.startWriting()) {
                live.add(command);
            } else {
                command.drop();
            }
        }
        return live;
    }
}
