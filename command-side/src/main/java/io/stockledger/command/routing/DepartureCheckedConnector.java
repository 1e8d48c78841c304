package io.stockledger.command.routing;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.distributed.CommandBusConnector;
import org.axonframework.commandhandling.distributed.CommandBusConnectorCommunicationException;
import org.axonframework.commandhandling.distributed.Member;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * The connector to the other instances, made sure to answer a command sent to a member that left at the moment it was
 * sent. The JGroups connector answers the commands waiting for a member that leaves, but only those it has stored
 * by then: a command whose destination was chosen just before the new view and stored just after it would wait for
 * an answer that never comes (its caller saw a timeout instead of a 503 once, with an instance SIGKILLed mid-load).
 * So after sending, the destination is checked against the channel's view, which changes before the connector hears
 * of it; if it is gone, the caller is answered at once that its owner left. Each caller is answered once, whichever
 * of the two answers first.
 */
final class DepartureCheckedConnector implements CommandBusConnector {

    private final CommandBusConnector connector;
    private final Predicate<Member> inView;

    /**
     * @param connector the connector that sends
     * @param inView    whether a member is in the channel's current view
     */
    DepartureCheckedConnector(CommandBusConnector connector, Predicate<Member> inView) {
        this.connector = connector;
        this.inView = inView;
    }

    @Override
    public <C> void send(Member destination, CommandMessage<? extends C> command) throws Exception {
        connector.send(destination, command);
    }

    @Override
    public <C, R> void send(Member destination, CommandMessage<C> command, CommandCallback<? super C, R> callback)
            throws Exception {
        CommandCallback<C, R> once = answeredOnce(callback);
        connector.send(destination, command, once);
        if (!inView.test(destination)) {
            once.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                    new CommandBusConnectorCommunicationException(
                            "the ledger's owner " + destination.name() + " left the cluster as the command was sent")));
        }
    }

    private static <C, R> CommandCallback<C, R> answeredOnce(CommandCallback<? super C, R> callback) {
        AtomicBoolean answered = new AtomicBoolean();
        return (command, result) -> {
            if (answered.compareAndSet(false, true)) {
                callback.onResult(command, result);
            }
        };
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return connector.subscribe(commandName, handler);
    }

    @Override
    public Optional<CommandBus> localSegment() {
        return connector.localSegment();
    }

    @Override
    public CompletableFuture<Void> initiateShutdown() {
        return connector.initiateShutdown();
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return connector.registerHandlerInterceptor(handlerInterceptor);
    }
}
