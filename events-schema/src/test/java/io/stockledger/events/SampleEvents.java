package io.stockledger.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Realistic events of every type, shaped as the ledger writes them: one SKU's day (a receipt, a reservation that is
 * confirmed, one released, one expired, two adjustments), plus the variants with optional values left out.
 */
final class SampleEvents {

    static final UUID PRODUCT = UUID.fromString("8b1f5c2e-3d4a-4e6f-9a7b-1c2d3e4f5a6b");
    static final UUID WAREHOUSE = UUID.fromString("0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b");
    static final String CLERK = "svc-receiving";
    static final String CHECKOUT = "svc-checkout";
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    private static final Instant MORNING = Instant.parse("2025-11-28T08:15:30.123456Z");

    private SampleEvents() {
    }

    static StockReceived received() {
        return new StockReceived(UUID.fromString("a1a1a1a1-0000-4000-8000-000000000001"), MORNING, TRACE, PRODUCT,
                WAREHOUSE, CLERK, 120, new BigDecimal("12.3450"), "receipt-2025-11-28-0001-dock-3-pallet-07");
    }

    static StockReceived receivedWithoutUnitCost() {
        return new StockReceived(UUID.fromString("a1a1a1a1-0000-4000-8000-000000000002"), MORNING.plusSeconds(60),
                TRACE, PRODUCT, WAREHOUSE, CLERK, 30, null, "receipt-2025-11-28-0002-dock-3-pallet-08");
    }

    static ReservationRequested requested() {
        Instant at = MORNING.plusSeconds(3_600);
        return new ReservationRequested(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000001"), at, TRACE, PRODUCT,
                WAREHOUSE, CHECKOUT, UUID.fromString("c3c3c3c3-0000-4000-8000-000000000001"), 3, 900,
                at.plusSeconds(900), "cart-7f3a9c2e-checkout-attempt-0001");
    }

    static ReservationConfirmed confirmed() {
        ReservationRequested request = requested();
        return new ReservationConfirmed(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000002"),
                request.timestamp().plusSeconds(120), "payment-trace-0042", PRODUCT, WAREHOUSE, CHECKOUT,
                request.reservationId(), request.quantity());
    }

    static ReservationReleased released() {
        return new ReservationReleased(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000003"),
                MORNING.plusSeconds(7_200), TRACE, PRODUCT, WAREHOUSE, CHECKOUT,
                UUID.fromString("c3c3c3c3-0000-4000-8000-000000000002"), 2);
    }

    static ReservationExpired expired() {
        Instant deadline = MORNING.plusSeconds(9_000);
        return new ReservationExpired(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000004"),
                deadline.plusSeconds(47), TRACE, PRODUCT, WAREHOUSE, "stock-ledger",
                UUID.fromString("c3c3c3c3-0000-4000-8000-000000000003"), 5, deadline);
    }

    static StockAdjusted adjustedDown() {
        return new StockAdjusted(UUID.fromString("d4d4d4d4-0000-4000-8000-000000000001"), MORNING.plusSeconds(10_800),
                TRACE, PRODUCT, WAREHOUSE, "operator-ana", -4, "DAMAGE", "forklift hit pallet 07",
                "adjust-2025-11-28-aisle-12-damage-0001");
    }

    static StockAdjusted adjustedUpWithoutNote() {
        return new StockAdjusted(UUID.fromString("d4d4d4d4-0000-4000-8000-000000000002"), MORNING.plusSeconds(14_400),
                TRACE, PRODUCT, WAREHOUSE, "operator-ana", 2, "COUNT_CORRECTION", null,
                "adjust-2025-11-28-aisle-12-count-00002");
    }

    /** One typical event of each type, in {@link EventTypes#all()} order. */
    static List<LedgerEvent> typical() {
        return List.of(received(), adjustedDown(), requested(), confirmed(), released(), expired());
    }

    /** Every sample, the typical ones and those leaving optional values out. */
    static List<LedgerEvent> all() {
        return List.of(received(), receivedWithoutUnitCost(), adjustedDown(), adjustedUpWithoutNote(), requested(),
                confirmed(), released(), expired());
    }

    /** The typical sample of one event type. */
    static LedgerEvent of(Class<? extends LedgerEvent> type) {
        return typical().stream().filter(type::isInstance).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample of " + type.getSimpleName()));
    }
}
