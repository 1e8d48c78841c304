package io.stockledger.command.ledger;

import io.stockledger.command.api.AdjustStock;
import io.stockledger.command.api.ReceiveStock;
import io.stockledger.command.api.ReserveStock;
import io.stockledger.command.api.ShipTransfer;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.events.TransferShipped;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The part of a request that must match for a retry with the same idempotency key to count as the same request.
 * Each is computed identically from the command and from the event it caused, so the memory rebuilt from events
 * compares equal to a fresh command.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(ReceiveStock command) {
        return receipt(command.quantity(), command.unitCost())
                + lot(command.batchNumber(), command.expiryDate(), command.location());
    }

    static String of(StockReceived event) {
        return receipt(event.quantity(), event.unitCost())
                + lot(event.batchNumber(), event.expiryDate(), event.location());
    }

    static String of(ReserveStock command) {
        return reservation(command.quantity(), command.ttl().toSeconds());
    }

    static String of(ReservationRequested event) {
        return reservation(event.quantity(), event.ttlSeconds());
    }

    static String of(AdjustStock command) {
        return adjustment(command.quantity(), command.reason().name(), command.note())
                + lot(command.batchNumber(), null, null);
    }

    static String of(StockAdjusted event) {
        return adjustment(event.quantity(), event.reason(), event.note()) + lot(event.batchNumber(), null, null);
    }

    static String of(ShipTransfer command) {
        return transfer(command.toWarehouseId(), command.quantity(), command.batchNumber());
    }

    static String of(TransferShipped event) {
        return transfer(event.toWarehouseId(), event.quantity(), event.batchNumber());
    }

    private static String receipt(int quantity, BigDecimal unitCost) {
        return "receive quantity=" + quantity + " unit_cost="
                + (unitCost == null ? "none" : unitCost.stripTrailingZeros().toPlainString());
    }

    /**
     * Lot details take part only when the request gave any, so requests from before lots existed, and receipts into
     * the default lot, keep the fingerprint they always had.
     */
    private static String lot(String batchNumber, LocalDate expiryDate, String location) {
        boolean defaultLot = batchNumber == null || LotQuantity.DEFAULT_BATCH.equals(batchNumber);
        if (defaultLot && expiryDate == null && location == null) {
            return "";
        }
        return " batch=" + (batchNumber == null ? LotQuantity.DEFAULT_BATCH : batchNumber)
                + " expiry=" + (expiryDate == null ? "none" : expiryDate)
                + " location=" + (location == null ? "none" : location);
    }

    private static String transfer(UUID toWarehouseId, int quantity, String batchNumber) {
        return "transfer to=" + toWarehouseId + " quantity=" + quantity + " batch="
                + (batchNumber == null ? "any" : batchNumber);
    }

    private static String reservation(int quantity, long ttlSeconds) {
        return "reserve quantity=" + quantity + " ttl_seconds=" + ttlSeconds;
    }

    private static String adjustment(int quantity, String reason, String note) {
        return "adjust quantity=" + quantity + " reason=" + reason + " note=" + (note == null ? "none" : note);
    }
}
