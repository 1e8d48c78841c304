package io.stockledger.command.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/** The order was paid: the reserved units leave the warehouse. */
public record ConfirmReservation(@TargetAggregateIdentifier StockLedgerId ledgerId, UUID reservationId) implements LedgerCommand {

    public ConfirmReservation {
        Guard.present("reservationId", reservationId);
    }
}
