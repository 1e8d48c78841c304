package io.stockledger.command.routing;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.distributed.CommandBusConnector;
import org.axonframework.commandhandling.distributed.CommandBusConnectorCommunicationException;
import org.axonframework.commandhandling.distributed.Member;
import org.axonframework.commandhandling.distributed.SimpleMember;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command sent to a member that is gone from the view once it has been sent is answered that its owner left, at
 * once and exactly once, whether or not the connector also answers it; one sent to a member still in the view waits
 * for the connector's answer.
 */
class DepartureCheckedConnectorTest {

    private final Member owner = new SimpleMember<>("owner", "owner", false, null);
    private final Set<Member> view = new HashSet<>(Set.of(owner));
    private final Sending sending = new Sending();
    private final List<CommandResultMessage<?>> answers = new ArrayList<>();
    private final CommandCallback<Object, Object> caller = (command, result) -> answers.add(result);
    private final CommandMessage<Object> command = GenericCommandMessage.asCommandMessage("reserve");

    @Test
    void aCommandToAMemberStillInTheViewWaitsForItsOwnersAnswer() throws Exception {
        connector().send(owner, command, caller);
        assertThat(answers).isEmpty();

        sending.answer(GenericCommandResultMessage.asCommandResultMessage("written"));

        assertThat(answers).singleElement().satisfies(answer -> assertThat(answer.getPayload()).isEqualTo("written"));
    }

    @Test
    void aCommandToAMemberThatLeftAsItWasSentIsAnsweredAtOnceThatItsOwnerLeft() throws Exception {
        // the new view arrives after the connector chose the member and before it stored the callback: the connector
        // never answers this one
        sending.onSend = () -> view.remove(owner);

        connector().send(owner, command, caller);

        assertThat(answers).singleElement().satisfies(answer -> {
            assertThat(answer.exceptionResult()).isInstanceOf(CommandBusConnectorCommunicationException.class)
                    .hasMessageContaining("left the cluster as the command was sent");
            assertThat(RemoteFailures.lostInTransit(RemoteFailures.fromWire(answer))).isTrue();
        });
    }

    @Test
    void aCommandAnsweredThatItsOwnerLeftIgnoresTheConnectorsLaterAnswer() throws Exception {
        sending.onSend = () -> view.remove(owner);

        connector().send(owner, command, caller);
        sending.answer(GenericCommandResultMessage.asCommandResultMessage(
                new CommandBusConnectorCommunicationException("cancelled by the connector")));

        assertThat(answers).singleElement().satisfies(answer -> assertThat(answer.exceptionResult())
                .hasMessageContaining("left the cluster as the command was sent"));
    }

    @Test
    void aCommandTheConnectorAnsweredBeforeTheCheckKeepsThatAnswer() throws Exception {
        sending.onSend = () -> {
            view.remove(owner);
            sending.answer(GenericCommandResultMessage.asCommandResultMessage("written before it left"));
        };

        connector().send(owner, command, caller);

        assertThat(answers).singleElement()
                .satisfies(answer -> assertThat(answer.getPayload()).isEqualTo("written before it left"));
    }

    private DepartureCheckedConnector connector() {
        return new DepartureCheckedConnector(sending, view::contains);
    }

    /** A connector that keeps the callback of the command sent, to be answered when the test says. */
    private static final class Sending implements CommandBusConnector {

        private Runnable onSend = () -> {
        };
        private CommandCallback<Object, Object> callback;
        private CommandMessage<Object> sent;

        @Override
        @SuppressWarnings("unchecked")
        public <C, R> void send(Member destination, CommandMessage<C> command, CommandCallback<? super C, R> callback) {
            this.sent = (CommandMessage<Object>) command;
            this.callback = (CommandCallback<Object, Object>) callback;
            onSend.run();
        }

        void answer(CommandResultMessage<Object> result) {
            callback.onResult(sent, result);
        }

        @Override
        public <C> void send(Member destination, CommandMessage<? extends C> command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerHandlerInterceptor(
                MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
            throw new UnsupportedOperationException();
        }
    }
}
