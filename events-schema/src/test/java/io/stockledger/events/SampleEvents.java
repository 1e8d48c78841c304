package io.stockledger.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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

    static final UUID OTHER_WAREHOUSE = UUID.fromString("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d");
    static final UUID TRANSFER = UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a");

    private static final Instant MORNING = Instant.parse("2025-11-28T08:15:30.123456Z");

    private SampleEvents() {
    }

    static StockReceived received() {
        return new StockReceived(new EventEnvelope(UUID.fromString("a1a1a1a1-0000-4000-8000-000000000001"), MORNING,
                TRACE, PRODUCT, WAREHOUSE, CLERK), 120, new BigDecimal("12.3450"),
                "receipt-2025-11-28-0001-dock-3-pallet-07");
    }

    static StockReceived receivedWithoutUnitCost() {
        return new StockReceived(new EventEnvelope(UUID.fromString("a1a1a1a1-0000-4000-8000-000000000002"),
                MORNING.plusSeconds(60), TRACE, PRODUCT, WAREHOUSE, CLERK), 30, null,
                "receipt-2025-11-28-0002-dock-3-pallet-08");
    }

    static ReservationRequested requested() {
        Instant at = MORNING.plusSeconds(3_600);
        return new ReservationRequested(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000001"), at,
                TRACE, PRODUCT, WAREHOUSE, CHECKOUT), UUID.fromString("c3c3c3c3-0000-4000-8000-000000000001"), 3, 900,
                at.plusSeconds(900), "cart-7f3a9c2e-checkout-attempt-0001");
    }

    static ReservationConfirmed confirmed() {
        ReservationRequested request = requested();
        return new ReservationConfirmed(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000002"),
                request.timestamp().plusSeconds(120), "payment-trace-0042", PRODUCT, WAREHOUSE, CHECKOUT),
                request.reservationId(), request.quantity());
    }

    static ReservationReleased released() {
        return new ReservationReleased(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000003"),
                MORNING.plusSeconds(7_200), TRACE, PRODUCT, WAREHOUSE, CHECKOUT),
                UUID.fromString("c3c3c3c3-0000-4000-8000-000000000002"), 2);
    }

    static ReservationExpired expired() {
        Instant deadline = MORNING.plusSeconds(9_000);
        return new ReservationExpired(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000004"),
                deadline.plusSeconds(47), TRACE, PRODUCT, WAREHOUSE, "stock-ledger"),
                UUID.fromString("c3c3c3c3-0000-4000-8000-000000000003"), 5, deadline);
    }

    static StockAdjusted adjustedDown() {
        return new StockAdjusted(new EventEnvelope(UUID.fromString("d4d4d4d4-0000-4000-8000-000000000001"),
                MORNING.plusSeconds(10_800), TRACE, PRODUCT, WAREHOUSE, "operator-ana"), -4, "DAMAGE",
                "forklift hit pallet 07", "adjust-2025-11-28-aisle-12-damage-0001");
    }

    static StockAdjusted adjustedUpWithoutNote() {
        return new StockAdjusted(new EventEnvelope(UUID.fromString("d4d4d4d4-0000-4000-8000-000000000002"),
                MORNING.plusSeconds(14_400), TRACE, PRODUCT, WAREHOUSE, "operator-ana"), 2, "COUNT_CORRECTION", null,
                "adjust-2025-11-28-aisle-12-count-00002");
    }

    static final String LOT = "L-2025-11-A";
    private static final List<LotQuantity> IN_LOT = List.of(new LotQuantity(LOT, 3));
    private static final ShippedLot SHIPPED = new ShippedLot(LOT, 10, LocalDate.parse("2026-03-31"), "A-12-03",
            new BigDecimal("12.3450"));

    static StockReceived receivedIntoLot() {
        return new StockReceived(new EventEnvelope(UUID.fromString("a1a1a1a1-0000-4000-8000-000000000003"),
                MORNING.plusSeconds(90), TRACE, PRODUCT, WAREHOUSE, CLERK), 40, new BigDecimal("12.3450"),
                "receipt-2025-11-28-0003-dock-3-lot-a", LOT, LocalDate.parse("2026-03-31"), "A-12-03");
    }

    static ReservationRequested requestedFromLots() {
        Instant at = MORNING.plusSeconds(3_700);
        return new ReservationRequested(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000011"), at,
                TRACE, PRODUCT, WAREHOUSE, CHECKOUT), UUID.fromString("c3c3c3c3-0000-4000-8000-000000000011"), 3, 900,
                at.plusSeconds(900), "cart-7f3a9c2e-checkout-attempt-0011", IN_LOT, LocalDate.parse("2026-01-31"));
    }

    static ReservationConfirmed confirmedFromLots() {
        ReservationRequested request = requestedFromLots();
        return new ReservationConfirmed(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000012"),
                request.timestamp().plusSeconds(60), TRACE, PRODUCT, WAREHOUSE, CHECKOUT), request.reservationId(),
                3, IN_LOT);
    }

    static ReservationReleased releasedFromLots() {
        return new ReservationReleased(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000013"),
                MORNING.plusSeconds(7_300), TRACE, PRODUCT, WAREHOUSE, CHECKOUT),
                UUID.fromString("c3c3c3c3-0000-4000-8000-000000000012"), 3, IN_LOT);
    }

    static ReservationExpired expiredFromLots() {
        Instant deadline = MORNING.plusSeconds(9_100);
        return new ReservationExpired(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000014"),
                deadline.plusSeconds(5), TRACE, PRODUCT, WAREHOUSE, "stock-ledger"),
                UUID.fromString("c3c3c3c3-0000-4000-8000-000000000013"), 3, deadline, IN_LOT);
    }

    static StockAdjusted adjustedInLot() {
        return new StockAdjusted(new EventEnvelope(UUID.fromString("d4d4d4d4-0000-4000-8000-000000000003"),
                MORNING.plusSeconds(10_900), TRACE, PRODUCT, WAREHOUSE, "operator-ana"), -3, "DAMAGE", "crushed carton",
                "adjust-2025-11-28-aisle-12-damage-0003", LOT, IN_LOT);
    }

    static LotQuarantined quarantined() {
        return new LotQuarantined(new EventEnvelope(UUID.fromString("e5e5e5e5-0000-4000-8000-000000000001"),
                MORNING.plusSeconds(11_000), TRACE, PRODUCT, WAREHOUSE, "qa-bruno"), LOT,
                "temperature excursion on truck 12", 34);
    }

    static LotUnquarantined unquarantined() {
        return new LotUnquarantined(new EventEnvelope(UUID.fromString("e5e5e5e5-0000-4000-8000-000000000002"),
                MORNING.plusSeconds(12_000), TRACE, PRODUCT, WAREHOUSE, "qa-bruno"), LOT, "lab result ok", 34);
    }

    static PickingPolicyChanged policyChanged() {
        return new PickingPolicyChanged(new EventEnvelope(UUID.fromString("e5e5e5e5-0000-4000-8000-000000000003"),
                MORNING.plusSeconds(13_000), TRACE, PRODUCT, WAREHOUSE, "operator-ana"), "FIFO");
    }

    static TransferShipped shipped() {
        return new TransferShipped(new EventEnvelope(UUID.fromString("f6f6f6f6-0000-4000-8000-000000000001"),
                MORNING.plusSeconds(15_000), TRACE, PRODUCT, WAREHOUSE, "operator-ana"), TRANSFER, OTHER_WAREHOUSE, 10,
                null, List.of(SHIPPED), "transfer-2025-11-28-0001-to-north");
    }

    static TransferReceived transferReceived() {
        return new TransferReceived(new EventEnvelope(UUID.fromString("f6f6f6f6-0000-4000-8000-000000000002"),
                MORNING.plusSeconds(15_001), TRACE, PRODUCT, OTHER_WAREHOUSE, "stock-ledger"), TRANSFER, WAREHOUSE, 10,
                List.of(SHIPPED));
    }

    static TransferReturned transferReturned() {
        return new TransferReturned(new EventEnvelope(UUID.fromString("f6f6f6f6-0000-4000-8000-000000000003"),
                MORNING.plusSeconds(15_002), TRACE, PRODUCT, WAREHOUSE, "stock-ledger"), TRANSFER, OTHER_WAREHOUSE, 10,
                List.of(SHIPPED), "LOT_EXPIRY_MISMATCH: lot L-2025-11-A expires 2026-02-28 here");
    }

    static final String ORDER = "web-2025-11-28:000417";

    /** A line of an order: the reservation names the order and the line, from request to confirmation. */
    static ReservationRequested requestedForOrderLine() {
        Instant at = MORNING.plusSeconds(16_000);
        return new ReservationRequested(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000021"), at,
                TRACE, PRODUCT, WAREHOUSE, CHECKOUT), UUID.fromString("c3c3c3c3-0000-4000-8000-000000000021"), 2, 900,
                at.plusSeconds(900), "order-line-6e1c3a2b-8c7d-3e4f-9a0b-1c2d3e4f5a6b",
                List.of(new LotQuantity(LOT, 2)), null, ORDER, "line-2");
    }

    static ReservationConfirmed confirmedForOrderLine() {
        ReservationRequested request = requestedForOrderLine();
        return new ReservationConfirmed(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000022"),
                request.timestamp().plusSeconds(30), TRACE, PRODUCT, WAREHOUSE, CHECKOUT), request.reservationId(), 2,
                List.of(new LotQuantity(LOT, 2)), ORDER, "line-2");
    }

    static ReservationReleased releasedForOrderLine() {
        return new ReservationReleased(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000023"),
                MORNING.plusSeconds(16_100), TRACE, PRODUCT, WAREHOUSE, CHECKOUT),
                UUID.fromString("c3c3c3c3-0000-4000-8000-000000000022"), 1, List.of(new LotQuantity(LOT, 1)), ORDER,
                "line-3");
    }

    static ReservationExpired expiredForOrderLine() {
        Instant deadline = MORNING.plusSeconds(17_000);
        return new ReservationExpired(new EventEnvelope(UUID.fromString("b2b2b2b2-0000-4000-8000-000000000024"),
                deadline.plusSeconds(2), TRACE, PRODUCT, WAREHOUSE, "stock-ledger"),
                UUID.fromString("c3c3c3c3-0000-4000-8000-000000000023"), 1, deadline, List.of(new LotQuantity(LOT, 1)),
                ORDER, "line-4");
    }

    /** One typical event of each type, in {@link EventTypes#all()} order. */
    static List<LedgerEvent> typical() {
        return List.of(receivedIntoLot(), adjustedInLot(), requestedFromLots(), confirmedFromLots(),
                releasedFromLots(), expiredFromLots(), quarantined(), unquarantined(), policyChanged(), shipped(),
                transferReceived(), transferReturned());
    }

    /** Every sample, the typical ones and those leaving optional values out. */
    static List<LedgerEvent> all() {
        List<LedgerEvent> all = new java.util.ArrayList<>(typical());
        all.addAll(List.of(received(), receivedWithoutUnitCost(), adjustedDown(), adjustedUpWithoutNote(),
                requested(), confirmed(), released(), expired(), requestedForOrderLine(), confirmedForOrderLine(),
                releasedForOrderLine(), expiredForOrderLine()));
        return all;
    }

    /** The typical sample of one event type. */
    static LedgerEvent of(Class<? extends LedgerEvent> type) {
        return typical().stream().filter(type::isInstance).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample of " + type.getSimpleName()));
    }
}
