package io.stockledger.events.effect;

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

/** The events one product in one warehouse could record, at a fixed instant, for the effect and tally tests. */
final class Sku {

    static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    static final UUID PRODUCT = UUID.fromString("8b1f5c2e-3d4a-4e6f-9a7b-1c2d3e4f5a6b");
    static final UUID WAREHOUSE = UUID.fromString("0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b");
    static final UUID OTHER_WAREHOUSE = UUID.fromString("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d");
    static final BigDecimal COST = new BigDecimal("2.5000");

    private Sku() {
    }

    static LotQuantity lot(String batch, int quantity) {
        return new LotQuantity(batch, quantity);
    }

    static StockReceived received(int quantity, String batch, LocalDate expiry, String location) {
        return new StockReceived(by("clerk"), quantity, COST, key(), batch, expiry, location);
    }

    /** A receipt written before lots existed: no batch number, no expiry, no location. */
    static StockReceived receivedBeforeLots(int quantity) {
        return new StockReceived(by("clerk"), quantity, null, key());
    }

    static StockAdjusted adjusted(int quantity, LotQuantity... lots) {
        return new StockAdjusted(by("counter"), quantity, "DAMAGE", "note", key(), null, List.of(lots));
    }

    static StockAdjusted adjustedBeforeLots(int quantity) {
        return new StockAdjusted(by("counter"), quantity, "FOUND", null, key());
    }

    static ReservationRequested requested(UUID reservation, int quantity, LotQuantity... lots) {
        return new ReservationRequested(by("checkout"), reservation,
                quantity, 300, AT.plusSeconds(300), key(), List.of(lots), null);
    }

    static ReservationRequested requestedBeforeLots(UUID reservation, int quantity) {
        return new ReservationRequested(by("checkout"), reservation, quantity, 300, AT.plusSeconds(300), key());
    }

    static ReservationConfirmed confirmed(UUID reservation, int quantity, LotQuantity... lots) {
        return new ReservationConfirmed(by("checkout"), reservation, quantity, List.of(lots));
    }

    static ReservationConfirmed confirmedBeforeLots(UUID reservation, int quantity) {
        return new ReservationConfirmed(by("checkout"), reservation, quantity);
    }

    static ReservationReleased released(UUID reservation, int quantity, LotQuantity... lots) {
        return new ReservationReleased(by("checkout"), reservation, quantity, List.of(lots));
    }

    static ReservationExpired expired(UUID reservation, int quantity, LotQuantity... lots) {
        return new ReservationExpired(by("stock-ledger"), reservation, quantity, AT, List.of(lots));
    }

    static LotQuarantined quarantined(String batch, int quantity) {
        return new LotQuarantined(by("qa"), batch, "recall", quantity);
    }

    static LotUnquarantined unquarantined(String batch, int quantity) {
        return new LotUnquarantined(by("qa"), batch, "cleared", quantity);
    }

    static PickingPolicyChanged policy(String policy) {
        return new PickingPolicyChanged(by("admin"), policy);
    }

    static ShippedLot shippedLot(String batch, int quantity, LocalDate expiry, String location) {
        return new ShippedLot(batch, quantity, expiry, location, COST);
    }

    static TransferShipped shipped(UUID transfer, int quantity, ShippedLot... lots) {
        return new TransferShipped(by("clerk"), transfer, OTHER_WAREHOUSE, quantity, null, List.of(lots), key());
    }

    static TransferReceived transferReceived(UUID transfer, int quantity, ShippedLot... lots) {
        return new TransferReceived(by("stock-ledger"), transfer, OTHER_WAREHOUSE, quantity, List.of(lots));
    }

    static TransferReturned transferReturned(UUID transfer, int quantity, ShippedLot... lots) {
        return new TransferReturned(by("stock-ledger"), transfer,
                OTHER_WAREHOUSE, quantity, List.of(lots), "LOT_EXPIRY_MISMATCH: refused");
    }

    /** A new event's envelope: this SKU, at {@link #AT}, by {@code requester}. */
    private static EventEnvelope by(String requester) {
        return new EventEnvelope(UUID.randomUUID(), AT, "trace", PRODUCT, WAREHOUSE, requester);
    }

    private static String key() {
        return "key-" + UUID.randomUUID();
    }
}
