package io.stockledger.query;

import io.stockledger.events.EventEnvelope;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.LotQuarantined;
import io.stockledger.events.LotUnquarantined;
import io.stockledger.events.PickingPolicyChanged;
import io.stockledger.events.ReservationConfirmed;
import io.stockledger.events.ReservationExpired;
import io.stockledger.events.ReservationReleased;
import io.stockledger.events.ReservationRequested;
import io.stockledger.events.ShippedLot;
import io.stockledger.events.StockAdjusted;
import io.stockledger.events.StockReceived;
import io.stockledger.events.TransferReceived;
import io.stockledger.events.TransferReturned;
import io.stockledger.events.TransferShipped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One product in one warehouse, and the facts its ledger would record, stamped at a given instant. */
public record Sku(UUID productId, UUID warehouseId, Instant at) {

    public static Sku fresh(Instant at) {
        return new Sku(UUID.randomUUID(), UUID.randomUUID(), at);
    }

    public StockReceived received(int quantity, String batch, LocalDate expiry) {
        return new StockReceived(stamped("trace-r", "clerk"), quantity,
                new BigDecimal("2.5000"), key(), batch, expiry, "A-01");
    }

    /** A receipt, reservation and confirmation as written before lots existed: no batch numbers, no lots. */
    public StockReceived receivedBeforeLots(int quantity) {
        return new StockReceived(stamped("trace-r", "clerk"), quantity, null, key());
    }

    public ReservationRequested reservedBeforeLots(UUID reservationId, int quantity) {
        return new ReservationRequested(stamped("trace-q", "checkout"), reservationId, quantity, 300,
                at.plusSeconds(300), key());
    }

    public ReservationConfirmed confirmedBeforeLots(UUID reservationId, int quantity) {
        return new ReservationConfirmed(stamped("trace-c", "checkout"), reservationId, quantity);
    }

    public ReservationRequested reserved(UUID reservationId, int quantity, String batch) {
        return new ReservationRequested(stamped("trace-q", "checkout"),
                reservationId, quantity, 300, at.plusSeconds(300), key(), List.of(new LotQuantity(batch, quantity)),
                null);
    }

    public ReservationConfirmed confirmed(UUID reservationId, int quantity, String batch) {
        return new ReservationConfirmed(stamped("trace-c", "checkout"),
                reservationId, quantity, List.of(new LotQuantity(batch, quantity)));
    }

    public ReservationReleased released(UUID reservationId, int quantity, String batch) {
        return new ReservationReleased(stamped("trace-l", "checkout"),
                reservationId, quantity, List.of(new LotQuantity(batch, quantity)));
    }

    public ReservationExpired expired(UUID reservationId, int quantity, String batch) {
        return new ReservationExpired(stamped("trace-e", "ledger"),
                reservationId, quantity, at, List.of(new LotQuantity(batch, quantity)));
    }

    public StockAdjusted adjusted(int quantity, String reason, String batch) {
        return new StockAdjusted(stamped("trace-a", "counter"), quantity,
                reason, "cycle count", key(), batch, List.of(new LotQuantity(batch, Math.abs(quantity))));
    }

    public LotQuarantined quarantined(String batch, int quantity) {
        return new LotQuarantined(stamped("trace-x", "qa"), batch, "recall", quantity);
    }

    public LotUnquarantined unquarantined(String batch, int quantity) {
        return new LotUnquarantined(stamped("trace-u", "qa"), batch, "cleared", quantity);
    }

    public PickingPolicyChanged policy(String policy) {
        return new PickingPolicyChanged(stamped("trace-p", "admin"), policy);
    }

    /** This warehouse received a transfer from {@code from}: the lot arrives with the source's attributes. */
    public TransferReceived transferReceived(UUID transferId, UUID from, int quantity, String batch,
                                             LocalDate expiry) {
        return new TransferReceived(stamped("trace-i", "stock-ledger"),
                transferId, from, quantity, List.of(new ShippedLot(batch, quantity, expiry, "B-07",
                new BigDecimal("3.2500"))));
    }

    /** {@code to} refused a transfer, and its units came back into their lot here. */
    public TransferReturned transferReturned(UUID transferId, UUID to, int quantity, String batch, LocalDate expiry) {
        return new TransferReturned(stamped("trace-b", "stock-ledger"),
                transferId, to, quantity, List.of(new ShippedLot(batch, quantity, expiry, "A-01",
                new BigDecimal("2.5000"))), "LOT_EXPIRY_MISMATCH: lot L1 expires 2026-05-01 there");
    }

    /** The same product in another warehouse, at the same instant. */
    public Sku in(UUID otherWarehouse) {
        return new Sku(productId, otherWarehouse, at);
    }

    public TransferShipped shipped(UUID transferId, UUID to, int quantity, String batch, LocalDate expiry) {
        return new TransferShipped(stamped("trace-t", "clerk"), transferId, to,
                quantity, null, List.of(new ShippedLot(batch, quantity, expiry, "A-01", new BigDecimal("2.5000"))),
                key());
    }

    /** The same SKU, later. */
    public Sku after(java.time.Duration elapsed) {
        return new Sku(productId, warehouseId, at.plus(elapsed));
    }

    /** A new event's envelope: this SKU, at this instant, by {@code requester}. */
    private EventEnvelope stamped(String traceId, String requester) {
        return new EventEnvelope(UUID.randomUUID(), at, traceId, productId, warehouseId, requester);
    }

    private static String key() {
        return "key-" + UUID.randomUUID();
    }
}
