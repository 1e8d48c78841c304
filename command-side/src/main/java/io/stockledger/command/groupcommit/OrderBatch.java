package io.stockledger.command.groupcommit;

import io.stockledger.command.api.ConfirmOrder;
import io.stockledger.command.api.ReleaseOrder;
import io.stockledger.command.api.ReserveOrder;
import org.axonframework.commandhandling.CommandMessage;

import java.util.List;
import java.util.Set;

/**
 * Orders that queued while the order slots were busy, decided together: one unit of work and one database transaction
 * over the ledgers of all of them, which are loaded, and so locked, in their one fixed order before any order is
 * decided. Each order is decided as it would be alone, in arrival order, with its own metadata, on the ledgers as the
 * orders before it left them; the answer is one {@link BatchMemberOutcome} per order, in order.
 *
 * <p>Why: an order holds its ledgers' locks for its whole unit of work, so on a hot SKU orders sent one by one are
 * one transaction each, the row-lock ledger's pattern. Together they share one lock hold and one commit.
 *
 * <p>An order refused before it applied anything (short of stock, an order id or key already used, nothing left to
 * confirm) is that order's answer and does not stop the others. One refused after some of its lines were applied
 * cannot be undone alone: it fails the whole batch, nothing of it is written, and the dispatcher sends each order
 * again on its own. Only the dispatcher builds these; never serialised.
 *
 * @param members the order commands, in arrival order; each payload's type is one of {@link #BATCHABLE}
 */
public record OrderBatch(List<CommandMessage<?>> members) {

    /** The commands that may travel in an order batch: those on whole orders. */
    public static final Set<Class<?>> BATCHABLE = Set.of(ReserveOrder.class, ConfirmOrder.class, ReleaseOrder.class);

    public OrderBatch {
        if (members == null || members.isEmpty()) {
            throw new IllegalArgumentException("an order batch has at least one member");
        }
        members = List.copyOf(members);
        for (CommandMessage<?> member : members) {
            if (!isBatchable(member.getPayload())) {
                throw new IllegalArgumentException("not an order command: " + member.getPayload());
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
