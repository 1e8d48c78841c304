package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Set {@code quantity} aside for an order for {@code ttl}. The caller chooses the reservation id, so a retry with
 * the same idempotency key can be answered with the reservation that was made the first time.
 *
 * <p>At most one of {@code minExpiryDate} and {@code minShelfLifeDays} may be given: only lots usable until at least
 * that date (or that many days from now), or lots that never expire, are then allocated.
 *
 * <p>{@code orderId} and {@code lineId} are set, together, when the reservation serves a line of an order; its
 * events then name the order and the line.
 */
public record ReserveStock(
        @TargetAggregateIdentifier StockLedgerId ledgerId,
        UUID reservationId,
        int quantity,
        Duration ttl,
        String idempotencyKey,
        LocalDate minExpiryDate,
        Integer minShelfLifeDays,
        String orderId,
        String lineId) implements LedgerCommand {

    public ReserveStock {
        Guard.present("reservationId", reservationId);
        Guard.positive("quantity", quantity);
        Guard.present("idempotencyKey", idempotencyKey);
        Guard.present("ttl", ttl);
        if (ttl.isNegative() || ttl.isZero() || ttl.getNano() != 0 || ttl.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ttl must be a positive whole number of seconds");
        }
        Guard.shelfLife(minExpiryDate, minShelfLifeDays);
        if ((orderId == null) != (lineId == null)) {
            throw new IllegalArgumentException("orderId and lineId go together");
        }
    }

    /** A reservation of its own, not a line of an order. */
    public ReserveStock(StockLedgerId ledgerId, UUID reservationId, int quantity, Duration ttl, String idempotencyKey,
                        LocalDate minExpiryDate, Integer minShelfLifeDays) {
        this(ledgerId, reservationId, quantity, ttl, idempotencyKey, minExpiryDate, minShelfLifeDays, null, null);
    }

    /** A reservation that takes any usable lot. */
    public ReserveStock(StockLedgerId ledgerId, UUID reservationId, int quantity, Duration ttl, String idempotencyKey) {
        this(ledgerId, reservationId, quantity, ttl, idempotencyKey, null, null);
    }
}
