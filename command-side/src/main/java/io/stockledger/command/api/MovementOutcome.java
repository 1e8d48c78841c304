package io.stockledger.command.api;

import java.util.UUID;

/**
 * What a receipt or an adjustment achieved: the event that recorded it and the balance right after it.
 * {@code replayed} is true when the ledger answered a repeated request from memory and wrote nothing; the
 * levels are then today's, not those of the first time.
 */
public record MovementOutcome(UUID eventId, StockLedgerId ledgerId, int quantity, StockLevels levels,
                              boolean replayed) {
}
