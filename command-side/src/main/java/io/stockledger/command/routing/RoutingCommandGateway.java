package io.stockledger.command.routing;

import io.stockledger.command.dispatch.CommandTicket;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The gateway the service's callers use when instances share the ledgers: a command whose ledger this instance owns
 * goes straight into its own group commit, with its caller's ticket, exactly as on a single instance; any other goes
 * through the distributed command bus to its owner, carrying what is left of its deadline.
 *
 * <p>A forwarded command is handed over: from then on the caller cannot take it back, so a caller that stops waiting
 * reports an unknown outcome rather than "not written". Retries of lost append races happen on the owner.
 */
public final class RoutingCommandGateway extends DefaultCommandGateway {

    private final CommandGateway local;
    private final Predicate<CommandMessage<?>> executesHere;
    private final Duration defaultDeadline;
    private final ForwardingObserver observer;

    /**
     * @param distributed     the distributed command bus, which sends a command to its owner
     * @param local           this instance's group commit
     * @param executesHere    whether a ledger's command runs on this instance ({@link LedgerCluster#executesHere})
     * @param defaultDeadline how long a forwarded command without a caller's deadline may take (a background job's)
     */
    public RoutingCommandGateway(CommandBus distributed, CommandGateway local,
                                 Predicate<CommandMessage<?>> executesHere, Duration defaultDeadline,
                                 ForwardingObserver observer) {
        super(DefaultCommandGateway.builder().commandBus(distributed));
        this.local = local;
        this.executesHere = executesHere;
        this.defaultDeadline = defaultDeadline;
        this.observer = observer;
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command);
        if (LedgerRoutingKeys.of(message.getPayload()).isEmpty() || executesHere.test(message)) {
            local.send(command, callback);
            return;
        }
        forward(message, callback);
    }

    private <C, R> void forward(CommandMessage<Object> message, CommandCallback<? super C, ? super R> callback) {
        long remainingMillis = defaultDeadline.toMillis();
        if (callback instanceof CommandTicket<?> ticket) {
            if (!ticket.handOver()) {
                answer(callback, message, GenericCommandResultMessage.asCommandResultMessage(
                        CommandTicket.deadlineExceeded()));
                return;
            }
            remainingMillis = Math.max(1, ticket.remainingNanos() / 1_000_000);
        }
        long sentAt = System.nanoTime();
        CommandMessage<Object> forwarded = message.andMetaData(
                Map.of(GroupCommitSegment.DEADLINE_MILLIS, remainingMillis));
        try {
            getCommandBus().dispatch(forwarded, (sent, result) -> delivered(message, callback, sentAt, result));
        } catch (RuntimeException notSent) {
            delivered(message, callback, sentAt, GenericCommandResultMessage.asCommandResultMessage(notSent));
        }
    }

    private <C, R> void delivered(CommandMessage<Object> message, CommandCallback<? super C, ? super R> callback,
                                  long sentAt, CommandResultMessage<?> result) {
        CommandResultMessage<?> answer = RemoteFailures.fromWire(result);
        observer.forwarded(System.nanoTime() - sentAt, RemoteFailures.lostInTransit(answer));
        answer(callback, message, answer);
    }

    @SuppressWarnings("unchecked")
    private static <C, R> void answer(CommandCallback<? super C, ? super R> callback, CommandMessage<?> message,
                                      CommandResultMessage<?> result) {
        ((CommandCallback<Object, Object>) callback).onResult((CommandMessage<Object>) message,
                (CommandResultMessage<Object>) result);
    }
}
