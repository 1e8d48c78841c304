package io.stockledger.command.api;

import java.util.Optional;
import java.util.UUID;

/**
 * Finds the ledger that holds a reservation, so confirm and release can be sent with the reservation id alone.
 * It is written in the same transaction as the reservation itself, so it knows a reservation the instant the
 * reserve call has returned, without waiting for any projection.
 */
public interface ReservationLocator {

    Optional<StockLedgerId> ledgerOf(UUID reservationId);
}
