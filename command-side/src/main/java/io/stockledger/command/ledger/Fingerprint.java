package io.stockledger.command.ledger;

import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;

import java.math.BigDecimal;

/**
 * The part of a request that must match for a retry with the same idempotency key to count as the same request.
 * Each is computed identically from the command and from the event it caused, so the memory rebuilt from events
 * compares equal to a fresh command.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(ReceiveStock command) {
        return receipt(command.quantity(), command.unitCost());
    }

    static String of(StockReceived event) {
        return receipt(event.quantity(), event.unitCost());
    }

    static String of(ReserveStock command) {
        return reservation(command.quantity(), command.ttl().toSeconds());
    }

    static String of(ReservationRequested event) {
        return reservation(event.quantity(), event.ttlSeconds());
    }

    static String of(AdjustStock command) {
        return adjustment(command.quantity(), command.reason().name(), command.note());
    }

    static String of(StockAdjusted event) {
        return adjustment(event.quantity(), event.reason(), event.note());
    }

    private static String receipt(int quantity, BigDecimal unitCost) {
        return "receive quantity=" + quantity + " unit_cost="
                + (unitCost == null ? "none" : unitCost.stripTrailingZeros().toPlainString());
    }

    private static String reservation(int quantity, long ttlSeconds) {
        return "reserve quantity=" + quantity + " ttl_seconds=" + ttlSeconds;
    }

    private static String adjustment(int quantity, String reason, String note) {
        return "adjust quantity=" + quantity + " reason=" + reason + " note=" + (note == null ? "none" : note);
    }
}
