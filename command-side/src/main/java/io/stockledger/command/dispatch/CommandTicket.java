package io.stockledger.command.dispatch;

import io.stockledger.command.fault.LedgerFault;
import io.stockledger.command.fault.LedgerFaultException;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A caller's command with its deadline, as {@link GroupCommitGateway} takes it: the gateway answers it through here,
 * and writes it only if the deadline has not passed and the caller has not given up. Exactly one side wins: the
 * writer that starts writing it ({@link #startWriting()}), or the caller that gives up on it ({@link #abandon()}), so a
 * caller that gave up knows whether its command was written.
 *
 * <p>With a ticket, the gateway queues and writes the command on a thread of its own: the caller only waits for
 * {@link #answer()}, and no longer than its deadline, whichever queue the command is in.
 */
public final class CommandTicket<R> implements CommandCallback<Object, R> {

    /** Why a command was dropped unwritten: its caller's deadline passed while it waited. */
    public static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";

    private enum State { QUEUED, WRITING, ABANDONED }

    private final long deadlineNanos;
    private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
    private final CompletableFuture<R> answer = new CompletableFuture<>();

    private CommandTicket(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** A ticket whose deadline is that {@link System#nanoTime()}. */
    public static <R> CommandTicket<R> until(long deadlineNanos) {
        return new CommandTicket<>(deadlineNanos);
    }

    /** The outcome: the command's result, or its failure (a refusal, a fault) as the exceptional completion. */
    public CompletableFuture<R> answer() {
        return answer;
    }

    /** Nanoseconds left until the deadline; zero or less once it has passed. */
    public long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    /**
     * The caller gives up. True when the command was not written and never will be (it is dropped when its turn
     * comes); false when a writer already took it into a transaction, so its outcome is unknown to the caller.
     */
    public boolean abandon() {
        return state.compareAndSet(State.QUEUED, State.ABANDONED) || state.get() == State.ABANDONED;
    }

    /**
     * The writer's claim, just before the command goes into a transaction: false, and the command must be dropped,
     * once the deadline has passed or the caller gave up. A command already claimed stays claimed (a batch that is
     * split writes its members again).
     */
    boolean startWriting() {
        if (remainingNanos() <= 0) {
            state.compareAndSet(State.QUEUED, State.ABANDONED);
        } else {
            state.compareAndSet(State.QUEUED, State.WRITING);
        }
        return state.get() == State.WRITING;
    }

    /**
     * The command leaves for the instance that owns its ledger: like a writer's claim, false once the deadline has
     * passed or the caller gave up; once it is handed over, the caller cannot take it back ({@link #abandon()} answers
     * false), since only the owner knows whether it was written.
     */
    public boolean handOver() {
        return startWriting();
    }

    /** The failure a dropped command is answered with. */
    public static LedgerFaultException deadlineExceeded() {
        return new LedgerFaultException(LedgerFault.UNAVAILABLE, DEADLINE_EXCEEDED,
                "the request's deadline passed while its command waited for the ledger; it was not written", null);
    }

    @Override
    public void onResult(CommandMessage<?> commandMessage, CommandResultMessage<? extends R> result) {
        if (result.isExceptional()) {
            answer.completeExceptionally(result.exceptionResult());
        } else {
            answer.complete(result.getPayload());
        }
    }
}
