package io.stockledger.query.api;

import java.time.Instant;

/**
 * Asks which ledgers (product, warehouse) have reservations still PENDING in the read model although their deadline
 * is before {@code now}: the ones whose expiry nobody has recorded yet. Answered with a list of
 * {@link LedgerRef}, at most {@code limit} long.
 */
public record FindLedgersWithOverdueReservations(Instant now, int limit) {
}
