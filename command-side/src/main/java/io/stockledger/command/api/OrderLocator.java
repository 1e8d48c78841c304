package io.stockledger.command.api;

import java.util.Optional;

/**
 * Finds an order as it was reserved: its lines and the reservations they were allocated to. Written in the same
 * transaction as the reservations, so it knows an order the instant the reserve call has returned; what has become
 * of the reservations since is for the ledgers (or their read model) to say.
 */
public interface OrderLocator {

    Optional<OrderOutcome> asReserved(String orderId);
}
