package io.stockledger.command.groupcommit;

import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.ConfirmReservation;
import io.stockledger.command.api.LedgerCommand;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReleaseReservation;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.StockLedgerId;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.Set;

/**
 * Several commands for one ledger that arrived while an earlier command for it was being written, decided together:
 * one aggregate load, one unit of work, one database transaction. The ledger runs each member through its own
 * command handler, in order, with the member's own metadata, and answers one {@link BatchMemberOutcome} per member.
 *
 * <p>Only the dispatcher builds batches (group commit in {@code GroupCommitGateway}); nothing else sends
 * them. Members are the original command messages (identifier and metadata intact), so each event can be traced to
 * the command that caused it. The batch lives in one JVM and is never serialised.
 *
 * @param ledgerId the one ledger every member addresses
 * @param members  the commands, in arrival order; each payload's type is one of {@link #BATCHABLE}
 */
public record LedgerCommandBatch(@TargetAggregateIdentifier StockLedgerId ledgerId, List<CommandMessage<?>> members) {

    /**
     * The commands that may travel in a batch: those a client sends on an existing ledger. A batch needs a ledger
     * that exists (a first receipt creates it alone, and the dispatcher then sends the members one by one), and a
     * new command type joins batches only once the ledger's batch handler knows it: add it here and there.
     */
    public static final Set<Class<?>> BATCHABLE = Set.of(ReserveStock.class, ConfirmReservation.class,
            ReleaseReservation.class, ReceiveStock.class, AdjustStock.class);

    public LedgerCommandBatch {
        if (ledgerId == null || members == null) {
            throw new IllegalArgumentException("ledgerId and members are required");
        }
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one member");
        }
        for (CommandMessage<?> member : members) {
            if (!isBatchable(member.getPayload())
                    || !((LedgerCommand) member.getPayload()).ledgerId().equals(ledgerId)) {
                throw new IllegalArgumentException("not a batchable command for " + ledgerId + ": "
                        + member.getPayload());
            }
        }
    }

    public static boolean isBatchable(Object command) {
        return command != null && BATCHABLE.contains(command.getClass());
    }

    public int size() {
        return members.size();
    }
}
