package io.stockledger.command.routing;

import io.stockledger.command.api.LedgerCommand;
import io.stockledger.command.api.SeveralLedgersCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.RoutingStrategy;

import java.util.Optional;

/**
 * What decides a command's owner: its ledger (a product in a warehouse), so every command for one ledger is executed
 * on one instance, whose cached copy then stays current and whose group commit batches them.
 *
 * <p>An order's ledgers are known only once it is sourced, on the instance that executes it, so an order is routed
 * by its order id: its reserve, confirm and release meet on one instance. It locks and writes ledgers that other
 * instances own; their cached copies are then behind the store, and their next append finds out by the store's unique
 * key and reloads (docs/operations.md, "Orders across owners").
 */
public final class LedgerRoutingKeys implements RoutingStrategy {

    /** The routing key, or empty for a command that is not about a ledger (executed where it is sent). */
    public static Optional<String> of(Object payload) {
        if (payload instanceof LedgerCommand ledgerCommand) {
            return Optional.of(ledgerCommand.ledgerId().toString());
        }
        if (payload instanceof SeveralLedgersCommand order) {
            return Optional.of("order:" + order.orderId());
        }
        return Optional.empty();
    }

    @Override
    public String getRoutingKey(CommandMessage<?> command) {
        return of(command.getPayload()).orElse(command.getCommandName());
    }
}
