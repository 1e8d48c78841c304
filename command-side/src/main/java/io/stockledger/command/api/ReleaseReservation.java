package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** The order was cancelled: the reserved units become available again. */
public record ReleaseReservation(@TargetAggregateIdentifier StockLedgerId ledgerId, UUID reservationId) implements LedgerCommand {

    public ReleaseReservation {
        Guard.present("reservationId", reservationId);
    }
}
