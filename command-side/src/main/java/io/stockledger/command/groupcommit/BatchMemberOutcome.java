package io.stockledger.command.groupcommit;

import io.stockledger.command.api.LedgerRefusal;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;

/**
 * What one member of a {@link LedgerCommandBatch} or an {@link OrderBatch} got: the value its handler returned, or the refusal it threw.
 * Exactly one of the two is set; the dispatcher hands it to that member's caller alone.
 */
public record BatchMemberOutcome(Object result, LedgerRefusal refusal) {

    public static BatchMemberOutcome answered(Object result) {
        return new BatchMemberOutcome(result, null);
    }

    public static BatchMemberOutcome refused(LedgerRefusal refusal) {
        if (refusal == null) {
            throw new IllegalArgumentException("refusal is required");
        }
        return new BatchMemberOutcome(null, refusal);
    }

    public boolean isRefusal() {
        return refusal != null;
    }

    /** The outcome as the member's caller hears it: its result, or its refusal as the failure. */
    public CommandResultMessage<?> asAnswer() {
        return isRefusal()
                ? GenericCommandResultMessage.asCommandResultMessage(refusal)
                : GenericCommandResultMessage.asCommandResultMessage(result);
    }
}
