package io.stockledger.command.dispatch;

import io.stockledger.command.api.LedgerCommand;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;

import java.util.concurrent.Semaphore;

/**
 * Lets one command per ledger into the command bus at a time on this instance; the others for that ledger wait here,
 * first come first served.
 *
 * <p>Without it, a thousand checkouts on one hot SKU each open a unit of work, take a database connection and only
 * then queue on the aggregate's lock, which Axon grants unfairly: the pool runs dry for every other SKU and some
 * callers wait seconds while others overtake them. Waiting here costs no connection and keeps arrival order.
 * Ledgers share 4,096 fair semaphores by hash, so unrelated ledgers rarely wait for each other.
 */
public class OneCommandPerLedgerGateway extends DefaultCommandGateway {

    private static final int STRIPES = 4096;

    private final Semaphore[] stripes = new Semaphore[STRIPES];

    public OneCommandPerLedgerGateway(Builder builder) {
        super(builder);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Semaphore(1, true);
        }
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        Object payload = command instanceof CommandMessage<?> message ? message.getPayload() : command;
        if (!(payload instanceof LedgerCommand ledgerCommand)) {
            super.send(command, callback);
            return;
        }
        Semaphore turn = stripes[Math.floorMod(ledgerCommand.ledgerId().hashCode(), STRIPES)];
        turn.acquireUninterruptibly();
        try {
            CommandCallback<C, R> releasing = (message, result) -> {
                turn.release();
                callback.onResult(message, result);
            };
            super.send(command, releasing);
        } catch (RuntimeException dispatchFailed) {
            turn.release();
            throw dispatchFailed;
        }
    }
}
