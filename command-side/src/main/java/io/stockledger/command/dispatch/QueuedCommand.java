package io.stockledger.command.dispatch;

import io.stockledger.command.api.LedgerCommandBatch;
import io.stockledger.command.api.StockLedgerId;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A command waiting in its {@link LedgerLane}, with the caller's callback, until some thread writes it: either the
 * caller's own thread, elected when the command reaches the head of the lane, or another caller's thread that took it
 * into its batch.
 */
final class QueuedCommand {

    private final CommandMessage<?> message;
    private final CommandCallback<Object, Object> callback;
    private final StockLedgerId ledgerId;
    private final boolean batchable;
    private final CountDownLatch decided = new CountDownLatch(1);
    private final AtomicBoolean delivered = new AtomicBoolean();
    private volatile boolean taken;

    @SuppressWarnings("unchecked")
    QueuedCommand(CommandMessage<?> message, StockLedgerId ledgerId, CommandCallback<?, ?> callback) {
        this.message = message;
        this.callback = (CommandCallback<Object, Object>) callback;
        this.ledgerId = ledgerId;
        this.batchable = LedgerCommandBatch.isBatchable(message.getPayload());
    }

    CommandMessage<?> message() {
        return message;
    }

    StockLedgerId ledgerId() {
        return ledgerId;
    }

    boolean batchable() {
        return batchable;
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

    /** Another thread has taken this command into its batch; the caller's thread may return. */
    void take() {
        taken = true;
        decided.countDown();
    }

    /** This command is at the head of its lane and the lane is free: the caller's thread writes next. */
    void elect() {
        decided.countDown();
    }

    /** Waits until the command was taken or its caller elected; true when taken. */
    boolean awaitTakenOrElected() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    decided.await();
                    return taken;
                } catch (InterruptedException e) {
                    // the command is queued and will be written; an interrupt must not lose its answer
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
