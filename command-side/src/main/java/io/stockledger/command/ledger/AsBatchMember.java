package io.stockledger.command.ledger;

import io.stockledger.command.api.LedgerRefusal;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs one member of a batch as the command being handled: while it runs, the unit of work's message is the member's
 * own command message, and afterwards the batch's again.
 *
 * <p>Why: Axon stamps a new event with the correlation data of the current unit of work's message at the moment the
 * event is created ({@code GenericMessage} merges {@code CurrentUnitOfWork.correlationData()}, computed by the
 * correlation data providers from {@code getMessage()}). Without the swap every event of a batch would carry the
 * batch message's metadata; with it, each carries its own command's {@code actor}, {@code trace_id} and Axon
 * correlation ids, exactly as if the command had been handled alone.
 */
final class AsBatchMember {

    /** A member's handler: its result, or its refusal. */
    @FunctionalInterface
    interface MemberHandler {
        Object handle() throws LedgerRefusal;
    }

    private AsBatchMember() {
    }

    static Object run(CommandMessage<?> member, MemberHandler handler) throws LedgerRefusal {
        if (!CurrentUnitOfWork.isStarted()) {
            return handler.handle();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Message<?> batch = unitOfWork.getMessage();
        unitOfWork.transformMessage(current -> member);
        try {
            return handler.handle();
        } finally {
            unitOfWork.transformMessage(current -> batch);
        }
    }
}
