package io.stockledger.command.dispatch;

import io.stockledger.command.api.LedgerCommand;
import io.stockledger.command.api.SeveralLedgersCommand;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Lets one write per ledger into the command bus at a time on this instance, at most a few writes at once, and writes
 * the commands that queued meanwhile together (group commit, at two levels).
 *
 * <p><b>Per ledger.</b> Without a queue, a thousand checkouts on one hot SKU would each open a unit of work, take a
 * database connection and only then queue on the aggregate's lock, which Axon grants unfairly: the pool runs dry for
 * every other SKU and some callers wait seconds while others overtake them. Waiting in the ledger's lane costs no
 * connection and keeps arrival order, and the commands that queued there while a write of their ledger was under way
 * go in together: one aggregate load, one unit of work, each caller still getting exactly its own answer. Ledgers
 * share 4,096 lanes by hash, so unrelated ledgers rarely wait for each other.
 *
 * <p><b>Across ledgers.</b> At most {@code maxConcurrentWrites} transactions are under way at once; the ledgers'
 * writes that queue meanwhile share the next transaction (one commit, one fsync, one insert of all their events),
 * up to {@code maxBatch} commands. With many SKUs every command used to be its own transaction, and the transaction,
 * not the ledger, was the cost. Waiting here holds no connection either.
 *
 * <p><b>Orders.</b> A command spanning several ledgers ({@link SeveralLedgersCommand}: an order's reserve, confirm,
 * release) takes its ledgers' locks itself, in one unit of work beside the writers' transactions. At most
 * {@code maxConcurrentOrders} such units of work are under way at once (the order slots), so that orders queued
 * behind a hot ledger's lock cannot hold every database connection while group commit's writers wait for one; the
 * orders that queue meanwhile, in arrival order and holding no connection, go in together as the next one, up to
 * {@code maxBatch} orders ({@link OrderWriter}). Without that, orders on a hot SKU were one transaction each.
 *
 * <p>A command sent with a {@link CommandTicket} has a deadline: it is queued and written on a virtual thread of the
 * gateway's, so its caller waits no longer than the deadline, and it is dropped unwritten if the deadline passes (or
 * the caller gives up) before a transaction takes it ({@link PendingLedgerWrite#claimForWriting()}).
 *
 * <p>A command that finds its lane and a writer free is written at once, alone: batching never adds a delay. How
 * failures are kept apart (a refusal, a race, a bad command in a batch) is {@link LedgerWriter}'s part. Every write is
 * watched by a {@link WriteWatchdog}. Dispatch interceptors registered on this gateway would see a batch as one
 * message; the service registers none.
 */
public class GroupCommitGateway extends DefaultCommandGateway {

    private static final int STRIPES = 4096;

    @SuppressWarnings("unchecked")
    private final GroupCommitQueue<QueuedCommand>[] lanes = new GroupCommitQueue[STRIPES];
    private final GroupCommitQueue<PendingLedgerWrite> writers;
    private final LedgerWriter writer;
    private final WriteWatchdog watchdog;
    private final GroupCommitQueue<QueuedCommand> orders;
    private final OrderWriter orderWriter;
    /** Orders in the order queue. */
    private final AtomicInteger waitingOrders = new AtomicInteger();
    /** Commands in the lanes and ledgers' writes in the writers' queue. */
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * @param maxBatch            at most this many commands in one batch for one ledger, and in one transaction
     *                            (1 turns group commit off)
     * @param maxConcurrentWrites at most this many transactions under way at once, the ledgers' writes waiting
     *                            meanwhile sharing the next
     * @param observer            told the size of every write and every split batch
     * @param watchdog            warns of slow writes and interrupts stuck ones
     */
    public GroupCommitGateway(Builder builder, int maxBatch, int maxConcurrentWrites, BatchObserver observer,
                                      WriteWatchdog watchdog) {
        this(builder, maxBatch, maxConcurrentWrites, maxConcurrentWrites, observer, watchdog);
    }

    /**
     * @param maxConcurrentOrders at most this many units of work on whole orders under way at once, the orders
     *                            waiting meanwhile sharing the next ({@link Integer#MAX_VALUE}: no limit)
     */
    public GroupCommitGateway(Builder builder, int maxBatch, int maxConcurrentWrites, int maxConcurrentOrders,
                              BatchObserver observer, WriteWatchdog watchdog) {
        this(builder, maxBatch, maxConcurrentWrites, maxConcurrentOrders, maxBatch, observer, watchdog,
                StoredLedgers.NONE);
    }

    /**
     * @param maxOrderBatch at most this many orders in one unit of work (1: each order alone)
     * @param store         tells a refusal decided on a cached ledger that was behind the store (another instance
     *                      appended since), which is then decided once more on a fresh load
     */
    public GroupCommitGateway(Builder builder, int maxBatch, int maxConcurrentWrites, int maxConcurrentOrders,
                              int maxOrderBatch, BatchObserver observer, WriteWatchdog watchdog, StoredLedgers store) {
        super(builder);
        if (maxBatch < 1 || maxConcurrentWrites < 1 || maxConcurrentOrders < 1 || maxOrderBatch < 1) {
            throw new IllegalArgumentException(
                    "maxBatch, maxConcurrentWrites, maxConcurrentOrders and maxOrderBatch must be at least 1");
        }
        SameLedgerRule sameLedger = new SameLedgerRule(maxBatch);
        for (int i = 0; i < STRIPES; i++) {
            lanes[i] = new GroupCommitQueue<>(1, sameLedger, waiting);
        }
        this.writers = new GroupCommitQueue<>(maxConcurrentWrites, new SeveralLedgersRule(maxBatch), waiting);
        this.writer = new LedgerWriter(this::dispatchWithRetries, this::dispatchOnce, observer, store);
        this.watchdog = watchdog;
        this.orders = new GroupCommitQueue<>(maxConcurrentOrders, new OrderBatchRule(maxOrderBatch), waitingOrders);
        this.orderWriter = new OrderWriter(this::dispatchWithRetries, this::dispatchOnce, observer);
    }

    /**
     * A command with a {@link CommandTicket} is queued and written on a virtual thread of the gateway's, so its caller
     * waits for the answer no longer than its deadline, wherever the command is; one whose deadline passes while it
     * waits is dropped before its transaction. Without a ticket (the expiry sweeper, the transfer process) the
     * caller's own thread waits and writes, as long as it takes.
     */
    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        if (message.getPayload() instanceof SeveralLedgersCommand) {
            if (callback instanceof CommandTicket<?>) {
                // the slot is waited for on a thread of the gateway's, so the caller waits no longer than its deadline
                Thread.ofVirtual().name("order-command").start(() -> queueAndWriteOrder(message, callback));
            } else {
                queueAndWriteOrder(message, callback);
            }
            return;
        }
        if (!(message.getPayload() instanceof LedgerCommand ledgerCommand)) {
            super.send(command, callback);
            return;
        }
        if (callback instanceof CommandTicket<?>) {
            Thread.ofVirtual().name("ledger-command").start(() -> queueAndWrite(message, ledgerCommand, callback));
            return;
        }
        queueAndWrite(message, ledgerCommand, callback);
    }

    private void queueAndWrite(CommandMessage<?> message, LedgerCommand ledgerCommand, CommandCallback<?, ?> callback) {
        GroupCommitQueue<QueuedCommand> lane = lanes[Math.floorMod(ledgerCommand.ledgerId().hashCode(), STRIPES)];
        List<QueuedCommand> commands = lane.join(new QueuedCommand(message, ledgerCommand.ledgerId(), callback));
        if (commands.isEmpty()) {
            return; // another caller's thread took this command into its batch and will answer it
        }
        PendingLedgerWrite write = new PendingLedgerWrite(commands, lane);
        List<PendingLedgerWrite> writes = writers.join(write);
        if (writes.isEmpty()) {
            return; // another caller's thread writes these commands in its transaction, and opens the lane after
        }
        try (WriteWatchdog.Watch watch = watchdog.watch(() -> describe(writes))) {
            writer.write(writes);
        } catch (RuntimeException | Error unexpected) {
            answerUnanswered(writes.stream().flatMap(each -> each.commands().stream()).toList(), unexpected);
        } finally {
            writes.forEach(PendingLedgerWrite::finished);
            writers.finished();
        }
    }

    /**
     * Waits for an order slot, holding no connection, in arrival order; the caller that gets the slot writes its order
     * and those that queued behind it ({@link OrderWriter}), then hands the slot on.
     */
    private void queueAndWriteOrder(CommandMessage<?> message, CommandCallback<?, ?> callback) {
        List<QueuedCommand> batch = orders.join(QueuedCommand.order(message, callback));
        if (batch.isEmpty()) {
            return; // another caller's thread took this order into its batch and will answer it
        }
        try (WriteWatchdog.Watch watch = watchdog.watch(() -> batch.size() + " order(s)")) {
            orderWriter.write(batch);
        } catch (RuntimeException | Error unexpected) {
            answerUnanswered(batch, unexpected);
        } finally {
            orders.finished();
        }
    }

    /** Nothing here should throw; if something does, no caller may be left waiting for an answer. */
    private static void answerUnanswered(List<QueuedCommand> commands, Throwable unexpected) {
        CommandResultMessage<?> failure = GenericCommandResultMessage.asCommandResultMessage(unexpected);
        commands.stream().filter(queued -> !queued.delivered()).forEach(queued -> queued.deliver(failure));
        if (unexpected instanceof Error error) {
            throw error;
        }
    }

    /** Commands spanning several ledgers (orders) that wait for an order slot right now: the order queue's depth. */
    public int waitingOrders() {
        return waitingOrders.get();
    }

    /**
     * Commands, or ledgers' batches of commands, that wait for their ledger's turn or for a writer right now (not those
     * being written): the queue's depth.
     */
    public int waitingCommands() {
        return waiting.get();
    }

    /** Sends through the retrying gateway and waits until the command bus answers, retries included. */
    private CommandResultMessage<?> dispatchWithRetries(CommandMessage<?> message) {
        return answerTo(callback -> super.send(message, callback));
    }

    /** Sends straight to the command bus, without retries, and waits for its answer. */
    private CommandResultMessage<?> dispatchOnce(CommandMessage<?> message) {
        return answerTo(callback -> getCommandBus().dispatch(message, callback));
    }

    /** Runs the sending and waits for the answer it calls back with; a sending that throws is the answer too. */
    private static CommandResultMessage<?> answerTo(Consumer<CommandCallback<Object, Object>> sending) {
        CompletableFuture<CommandResultMessage<?>> answer = new CompletableFuture<>();
        try {
            sending.accept((sent, result) -> answer.complete(result));
        } catch (RuntimeException dispatchFailed) {
            answer.complete(GenericCommandResultMessage.asCommandResultMessage(dispatchFailed));
        }
        return answer.join();
    }

    private static String describe(List<PendingLedgerWrite> writes) {
        return writes.stream().map(write -> write.size() + " command(s) for " + write.ledgerId())
                .collect(Collectors.joining(", "));
    }
}
