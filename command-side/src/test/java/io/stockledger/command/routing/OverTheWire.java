package io.stockledger.command.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsDispatchMessage;
import org.axonframework.extensions.jgroups.commandhandling.JGroupsReplyMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * A command and its answer as they travel between instances: through the JGroups connector's own dispatch and reply
 * messages and the Jackson serializer the service configures for messages.
 */
final class OverTheWire {

    private static final Serializer WIRE = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().findAndRegisterModules())
            .build();

    private OverTheWire() {
    }

    static CommandMessage<?> command(Object payload) {
        return new JGroupsDispatchMessage(GenericCommandMessage.asCommandMessage(payload), WIRE, true)
                .getCommandMessage(WIRE);
    }

    /** The owner's answer, put on the wire, read by the forwarding instance and taken off it again. */
    static CommandResultMessage<?> answer(CommandResultMessage<?> onTheOwner) {
        JGroupsReplyMessage reply = new JGroupsReplyMessage("command-1", RemoteFailures.toWire(onTheOwner), WIRE);
        return RemoteFailures.fromWire(reply.getCommandResultMessage(WIRE));
    }
}
