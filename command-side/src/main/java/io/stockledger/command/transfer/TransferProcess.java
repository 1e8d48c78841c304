package io.stockledger.command.transfer;

import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.LedgerRefusal;
import io.stockledger.command.api.ReceiveTransfer;
import io.stockledger.command.api.ReturnTransfer;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.events.TransferShipped;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * Drives a transfer from the source's shipment to its end: the destination receives the shipped lots, or, if it
 * refuses them, the source takes them back.
 *
 * <p>It runs in its own tracking processor. The commands it sends are handled in the processor's unit of work and
 * database transaction, so the destination's receipt (or the source's return) is stored together with the
 * processor's token: a crash before that commit loses nothing and the shipment is simply handled again after the
 * restart, a crash after it never repeats it. Both steps are idempotent by transfer id as a second line of defence.
 * An error that is not a refusal (the database is down, a lost race with another instance) propagates, and the
 * processor retries the shipment with back-off.
 */
@Component
@ProcessingGroup(TransferProcess.PROCESSING_GROUP)
class TransferProcess {

    static final String PROCESSING_GROUP = "transfers";

    private static final Logger log = LoggerFactory.getLogger(TransferProcess.class);

    private final CommandGateway commands;

    TransferProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(TransferShipped shipped) throws Exception {
        CommandOrigin origin = new CommandOrigin(shipped.requesterId(), shipped.traceId());
        StockLedgerId destination = new StockLedgerId(shipped.productId(), shipped.toWarehouseId());
        Optional<LedgerRefusal> refused = refusalOf(new ReceiveTransfer(destination, shipped.transferId(),
                shipped.warehouseId(), shipped.lots()), origin);
        if (refused.isEmpty()) {
            return;
        }
        LedgerRefusal refusal = refused.get();
        log.info("transfer {} refused by warehouse {} ({}): returning it to warehouse {}", shipped.transferId(),
                shipped.toWarehouseId(), refusal.code(), shipped.warehouseId());
        StockLedgerId source = new StockLedgerId(shipped.productId(), shipped.warehouseId());
        Optional<LedgerRefusal> returnRefused = refusalOf(new ReturnTransfer(source, shipped.transferId(),
                shipped.toWarehouseId(), shipped.lots(), refusal.code() + ": " + refusal.getMessage()), origin);
        if (returnRefused.isPresent()) {
            // the source ledger has no rule that refuses a return; if one ever appears, stop rather than lose units
            throw new IllegalStateException("transfer " + shipped.transferId() + " could not be returned",
                    returnRefused.get());
        }
    }

    /** Sends a command and waits; a refusal is an answer, any other failure propagates for a retry. */
    private Optional<LedgerRefusal> refusalOf(Object command, CommandOrigin origin) throws Exception {
        try {
            commands.send(command, origin.toMetaData()).get();
            return Optional.empty();
        } catch (ExecutionException failed) {
            for (Throwable cause = failed.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof LedgerRefusal refusal) {
                    return Optional.of(refusal);
                }
            }
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        }
    }
}
