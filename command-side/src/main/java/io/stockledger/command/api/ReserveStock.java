package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.util.UUID;

/**
 * Set {@code quantity} aside for an order for {@code ttl}. The caller chooses the reservation id, so a retry with
 * the same idempotency key can be answered with the reservation that was made the first time.
 */
public record ReserveStock(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        UUID reservationId,
        int quantity,
        Duration ttl,
        String idempotencyKey) implements LedgerCommand {

    public ReserveStock {
        Guard.present("reservationId", reservationId);
        Guard.positive("quantity", quantity);
        Guard.present("idempotencyKey", idempotencyKey);
        Guard.present("ttl", ttl);
        if (ttl.isNegative() || ttl.isZero() || ttl.getNano() != 0 || ttl.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ttl must be a positive whole number of seconds");
        }
    }
}
