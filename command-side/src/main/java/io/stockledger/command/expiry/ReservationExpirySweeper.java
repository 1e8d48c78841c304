package io.stockledger.command.expiry;

import io.stockledger.command.api.CommandOrigin;
import io.stockledger.command.api.ExpireOverdueReservations;
import io.stockledger.command.api.StockLedgerId;
import io.stockledger.command.routing.LedgerOwnership;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Expires reservations on ledgers nobody touches again. Every few seconds it asks ({@link OverdueLedgers}, answered
 * from the reservations read model) which ledgers hold PENDING reservations past their deadline and sends each an {@link ExpireOverdueReservations}. The
 * read model is in PostgreSQL, so a reservation that expired while the service was down is found by the first sweep
 * after the restart. The ledger decides; the read model only points at where to look, so a stale row costs one
 * command that finds nothing to do. Several instances may sweep at once: the second command finds nothing left. With
 * scale-out on, each instance sweeps only the ledgers it owns, so the commands need not travel.
 */
@Component
public class ReservationExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(ReservationExpirySweeper.class);

    private final OverdueLedgers overdueLedgers;
    private final CommandGateway commands;
    private final Clock clock;
    private final int batchSize;
    private final LedgerOwnership ownership;

    public ReservationExpirySweeper(OverdueLedgers overdueLedgers, CommandGateway commands, Clock clock,
                                    @Value("${ledger.expiry.batch-size:500}") int batchSize,
                                    ObjectProvider<LedgerOwnership> ownership) {
        this.overdueLedgers = overdueLedgers;
        this.commands = commands;
        this.clock = clock;
        this.batchSize = batchSize;
        this.ownership = ownership.getIfAvailable(() -> LedgerOwnership.EVERY_LEDGER);
    }

    /** One sweep; returns how many reservations it expired. */
    @Scheduled(initialDelayString = "${ledger.expiry.initial-delay:2s}",
            fixedDelayString = "${ledger.expiry.sweep-interval:5s}")
    public int sweep() {
        int expired = 0;
        try {
            List<StockLedgerId> ledgers = overdueLedgers.at(clock.instant(), batchSize).stream()
                    .filter(ownership::ownsHere).toList();
            CommandOrigin origin = new CommandOrigin(CommandOrigin.LEDGER, "expiry-sweep-" + UUID.randomUUID());
            for (StockLedgerId ledger : ledgers) {
                Integer count = commands.<Integer>send(new ExpireOverdueReservations(ledger), origin.toMetaData())
                        .get(10, TimeUnit.SECONDS);
                expired += count == null ? 0 : count;
            }
            if (expired > 0) {
                log.info("expired {} overdue reservations on {} ledgers", expired, ledgers.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("expiry sweep failed; the next one retries: {}", e.getMessage());
        }
        return expired;
    }
}
