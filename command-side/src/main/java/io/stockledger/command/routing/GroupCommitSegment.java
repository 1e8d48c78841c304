package io.stockledger.command.routing;

import io.stockledger.command.dispatch.CommandTicket;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

import java.time.Duration;

/**
 * The owner's side of a forwarded command: the distributed command bus's local segment. A command that arrives from
 * another instance enters this instance's group commit exactly as one from its own clients would, with what was left
 * of its caller's deadline, so it queues in its ledger's lane and shares the ledger's batches; its outcome travels
 * back as {@link RemoteFailures} describes.
 *
 * <p>Handlers are subscribed to the local command bus behind group commit; this segment only receives.
 *
 * @param groupCommit     the owner's group commit, which writes the command
 * @param handlers        the local command bus the handlers are subscribed to
 * @param defaultDeadline the deadline of a command whose sender gave none (a background job's)
 */
public record GroupCommitSegment(CommandGateway groupCommit, CommandBus handlers, Duration defaultDeadline)
        implements CommandBus {

    /** Metadata key: milliseconds the forwarding instance's caller will still wait for the answer. */
    public static final String DEADLINE_MILLIS = "ledger-deadline-ms";

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, (message, result) -> {
        });
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        CommandTicket<Object> ticket = CommandTicket.until(System.nanoTime() + deadlineOf(command).toNanos());
        ticket.answer().whenComplete((result, failure) -> callback.onResult(command, failure == null
                ? GenericCommandResultMessage.asCommandResultMessage(result)
                : cast(RemoteFailures.toWire(GenericCommandResultMessage.asCommandResultMessage(failure)))));
        groupCommit.send(command, ticket);
    }

    private Duration deadlineOf(CommandMessage<?> command) {
        Object millis = command.getMetaData().get(DEADLINE_MILLIS);
        return millis instanceof Number number ? Duration.ofMillis(number.longValue()) : defaultDeadline;
    }

    @SuppressWarnings("unchecked")
    private static <R> CommandResultMessage<R> cast(CommandResultMessage<?> result) {
        return (CommandResultMessage<R>) result;
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return handlers.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return handlers.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return handlers.registerDispatchInterceptor(dispatchInterceptor);
    }
}
