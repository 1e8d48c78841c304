package io.stockledger.command.ledger;

import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.LedgerCommand;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.events.EventEnvelope;
import org.axonframework.messaging.MetaData;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What one command is decided in: its ledger, the one instant it is decided at (read once, so the expiries, the
 * guards and the events of a command all agree on the time) and who sent it under which trace.
 *
 * <p>The instant is cut to microseconds, the precision PostgreSQL keeps: a reservation's {@code expires_at} or
 * {@code created_at} answered by the command reads the same, to the digit, as the read model's answer later.
 */
record CommandContext(StockLedgerId ledgerId, Instant now, CommandOrigin origin) {

    static CommandContext of(LedgerCommand command, MetaData metaData, Clock clock) {
        return new CommandContext(command.ledgerId(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                CommandOrigin.from(metaData));
    }

    /** The envelope of a new event the command causes on its sender's behalf. */
    EventEnvelope newEvent() {
        return envelope(origin.actor());
    }

    /**
     * The envelope of a new event recording a fact the ledger establishes by itself, such as a reservation running
     * out of time: the ledger is its requester, the command's trace still links it to what revealed it.
     */
    EventEnvelope newLedgerFact() {
        return envelope(CommandOrigin.LEDGER);
    }

    private EventEnvelope envelope(String requesterId) {
        return new EventEnvelope(UUID.randomUUID(), now, origin.traceId(), ledgerId.productId(),
                ledgerId.warehouseId(), requesterId);
    }
}
