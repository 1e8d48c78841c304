package io.stockledger.command.routing;

import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.fault.DatabaseFaults;
import io.stockledger.command.fault.LedgerFault;
import io.stockledger.command.fault.LedgerFaultException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.distributed.CommandBusConnectorCommunicationException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * How a command's failure crosses from its owner back to the instance that forwarded it, keeping its type.
 *
 * <p>Axon sends a remote failure as a class name and a message ({@code RemoteHandlingException}); only a
 * {@link CommandExecutionException}'s details travel as an object. A refusal must arrive as the refusal it is (a 409
 * with its figures, a 404), and a fault as the fault it is (a 503 with its reason), so the owner puts a copy of the
 * failure, without its cause chain (which may hold driver and pool objects), into the details, serialized, and the
 * forwarding instance takes it out again. Both ends run the same code; deserialization admits only this service's,
 * Axon's and the JDK's value classes.
 */
public final class RemoteFailures {

    /** Why a command in flight was answered without an outcome: its owner left the cluster before answering. */
    public static final String OWNER_LEFT = "LEDGER_OWNER_LEFT";

    /** Why a command could not be forwarded: no instance could be reached for its ledger. */
    public static final String OWNER_UNREACHABLE = "LEDGER_OWNER_UNREACHABLE";

    private static final ObjectInputFilter ADMITTED = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxrefs=10000;io.stockledger.**;org.axonframework.**;java.lang.*;java.util.*;java.time.*;!*");

    private RemoteFailures() {
    }

    /** On the owner: the result as it should travel back. A success travels as it is. */
    public static CommandResultMessage<?> toWire(CommandResultMessage<?> result) {
        if (!result.isExceptional()) {
            return result;
        }
        Throwable failure = result.exceptionResult();
        Throwable portable = portableCopyOf(failure);
        return GenericCommandResultMessage.asCommandResultMessage(
                new CommandExecutionException(portable.getMessage(), null, serialize(portable)));
    }

    /** On the forwarding instance: the result as the owner meant it. */
    public static CommandResultMessage<?> fromWire(CommandResultMessage<?> result) {
        if (!result.isExceptional()) {
            return result;
        }
        return GenericCommandResultMessage.asCommandResultMessage(failureFrom(result.exceptionResult()));
    }

    /** Whether the answer says the command never got an answer from its owner (it left, or could not be reached). */
    public static boolean lostInTransit(CommandResultMessage<?> answer) {
        return answer.isExceptional() && answer.exceptionResult() instanceof LedgerFaultException fault
                && (OWNER_LEFT.equals(fault.reason()) || OWNER_UNREACHABLE.equals(fault.reason()));
    }

    static Throwable failureFrom(Throwable received) {
        if (received instanceof CommandExecutionException execution
                && execution.getDetails().orElse(null) instanceof byte[] details) {
            return deserialize(details);
        }
        for (Throwable cause = received; cause != null; cause = cause.getCause()) {
            if (cause instanceof CommandBusConnectorCommunicationException) {
                // the owner left while the command was with it: it may or may not have been written
                return new LedgerFaultException(LedgerFault.OUTCOME_UNKNOWN, OWNER_LEFT,
                        "the instance that owns the ledger left the cluster before answering; retry with the same "
                                + "idempotency key", null);
            }
            if (cause instanceof NoHandlerForCommandException) {
                return new LedgerFaultException(LedgerFault.UNAVAILABLE, OWNER_UNREACHABLE,
                        "no instance could take the command for its ledger; it was not written", null);
            }
        }
        return received;
    }

    /**
     * The failure as a value: the refusal or fault it holds, or what the forwarding instance needs to tell the client
     * (a race lost, a ledger missing, a database fault), each without its causes.
     */
    static Throwable portableCopyOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LedgerRefusal refusal) {
                return refusal; // built without a cause or a stack trace
            }
            if (cause instanceof LedgerFaultException fault) {
                return new LedgerFaultException(fault.fault(), fault.reason(), fault.getMessage(), null);
            }
        }
        var databaseFault = DatabaseFaults.classify(failure);
        if (databaseFault.isPresent()) {
            return databaseFault.get() == LedgerFault.OUTCOME_UNKNOWN
                    ? new LedgerFaultException(LedgerFault.OUTCOME_UNKNOWN, "COMMIT_INTERRUPTED",
                    "the connection to the database was lost while the command was committing", null)
                    : new LedgerFaultException(LedgerFault.UNAVAILABLE, "DATABASE_UNAVAILABLE",
                    "the database could not be reached: " + failure.getMessage(), null);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return new ConcurrencyException(cause.getMessage());
            }
            if (cause instanceof AggregateNotFoundException missing) {
                return new AggregateNotFoundException(String.valueOf(missing.getAggregateIdentifier()), missing.getMessage());
            }
            if (cause instanceof EventStoreException) {
                return new EventStoreException(cause.getMessage());
            }
        }
        if (failure instanceof IllegalArgumentException) {
            return new IllegalArgumentException(failure.getMessage());
        }
        return new IllegalStateException("the command failed on the ledger's owner: " + failure);
    }

    private static byte[] serialize(Throwable portable) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(portable);
        } catch (IOException notSerializable) {
            return serialize(new IllegalStateException("the command failed on the ledger's owner: " + portable));
        }
        return bytes.toByteArray();
    }

    private static Throwable deserialize(byte[] details) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(details))) {
            in.setObjectInputFilter(ADMITTED);
            return (Throwable) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException unreadable) {
            return new IllegalStateException("the ledger's owner answered with a failure this instance cannot read",
                    unreadable);
        }
    }
}
