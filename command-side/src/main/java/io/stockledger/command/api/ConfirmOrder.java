package io.stockledger.command.api;

/** Payment went through: every pending reservation of the order is confirmed, in one transaction, or none is. */
public record ConfirmOrder(String orderId) implements SeveralLedgersCommand {

    public ConfirmOrder {
        Guard.present("orderId", orderId);
    }
}
