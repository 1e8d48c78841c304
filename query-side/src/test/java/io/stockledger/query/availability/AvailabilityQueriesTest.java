package io.stockledger.query.availability;

import io.stockledger.events.EventEnvelope;
import io.stockledger.events.LotQuantity;
import io.stockledger.events.LotUnquarantined;
import io.stockledger.query.ReadModels;
import io.stockledger.query.Sku;
import io.stockledger.query.api.AvailabilityView;
import io.stockledger.query.api.FindAvailability;
import io.stockledger.testsupport.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FindAvailability} over balances and lots built by the projections from real events on a real PostgreSQL:
 * several products in several warehouses, a quarantined lot (part of it reserved before), an expired lot, a lot on
 * its last day, a product nobody ever received, and a product named twice.
 */
class AvailabilityQueriesTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

    private static final UUID W1 = UUID.randomUUID();
    private static final UUID W2 = UUID.randomUUID();
    private static final UUID W3 = UUID.randomUUID();

    /** In three warehouses: 90 available in W1, 50 in W2 (15 blocked), 5 in W3 (40 blocked). */
    private static final Sku A = Sku.fresh(NOW).in(W1);
    /** Only in W1, all of it reserved. */
    private static final Sku B = Sku.fresh(NOW).in(W1);
    /** Only in W2. */
    private static final Sku D = Sku.fresh(NOW).in(W2);
    private static final UUID NEVER_RECEIVED = UUID.randomUUID();

    private static final ManualClock clock = new ManualClock(NOW);
    private static ReadModels readModels;
    private static AvailabilityQueries queries;

    @BeforeAll
    static void stock() {
        readModels = ReadModels.onFreshDatabase(clock);
        queries = readModels.bean(AvailabilityQueries.class);
        Sku aInW2 = A.in(W2);
        Sku aInW3 = A.in(W3);
        readModels.apply(
                A.received(100, LotQuantity.DEFAULT_BATCH, null),
                A.reserved(UUID.randomUUID(), 10, LotQuantity.DEFAULT_BATCH),
                aInW2.received(50, "FRESH", TODAY.plusDays(30)),
                aInW2.received(20, "RECALL", null),
                // 5 of the recalled lot were reserved before the recall: they stay reserved, the other 15 are blocked
                aInW2.reserved(UUID.randomUUID(), 5, "RECALL"),
                aInW2.quarantined("RECALL", 20),
                aInW3.received(40, "OLD", TODAY.minusDays(1)),
                aInW3.received(5, "LAST-DAY", TODAY),
                B.received(7, LotQuantity.DEFAULT_BATCH, null),
                B.reserved(UUID.randomUUID(), 7, LotQuantity.DEFAULT_BATCH),
                D.received(3, LotQuantity.DEFAULT_BATCH, null));
    }

    @AfterEach
    void backToToday() {
        clock.set(NOW);
    }

    @AfterAll
    static void close() {
        readModels.close();
    }

    @Test
    void everyWarehouseOfEveryProductAskedForInTheOrderAskedWithBlockedUnitsLeftOut() {
        List<AvailabilityView> answer = queries.handle(new FindAvailability(
                List.of(NEVER_RECEIVED, A.productId(), B.productId(), A.productId(), D.productId()), null));

        assertThat(answer).extracting(AvailabilityView::productId).as("first-named order, each product once")
                .containsExactly(NEVER_RECEIVED, A.productId(), B.productId(), D.productId());
        assertThat(answer.get(0)).isEqualTo(new AvailabilityView(NEVER_RECEIVED, 0, List.of()));
        AvailabilityView a = answer.get(1);
        assertThat(a.warehouses()).containsExactlyElementsOf(inIdOrder(
                new AvailabilityView.Warehouse(W1, 100, 10, 90, 0),
                // FRESH's 50 and RECALL's 5 reserved units are not blocked; RECALL's other 15 are
                new AvailabilityView.Warehouse(W2, 70, 5, 50, 15),
                // OLD expired yesterday; LAST-DAY may still be sold today
                new AvailabilityView.Warehouse(W3, 45, 0, 5, 40)));
        assertThat(a.available()).as("the sum of the warehouses' available").isEqualTo(90 + 50 + 5);
        assertThat(answer.get(2)).isEqualTo(new AvailabilityView(B.productId(), 0,
                List.of(new AvailabilityView.Warehouse(W1, 7, 7, 0, 0))));
        assertThat(answer.get(3)).isEqualTo(new AvailabilityView(D.productId(), 3,
                List.of(new AvailabilityView.Warehouse(W2, 3, 0, 3, 0))));
    }

    @Test
    void oneWarehouseLeavesTheOthersOutAndAProductNotThereHasNothing() {
        List<AvailabilityView> answer = queries.handle(new FindAvailability(
                List.of(A.productId(), B.productId(), D.productId(), NEVER_RECEIVED), W2));

        assertThat(answer).containsExactly(
                new AvailabilityView(A.productId(), 50, List.of(new AvailabilityView.Warehouse(W2, 70, 5, 50, 15))),
                new AvailabilityView(B.productId(), 0, List.of()),
                new AvailabilityView(D.productId(), 3, List.of(new AvailabilityView.Warehouse(W2, 3, 0, 3, 0))),
                new AvailabilityView(NEVER_RECEIVED, 0, List.of()));
    }

    @Test
    void aLotIsBlockedFromTheDayAfterItsExpiryDateWithoutAnyEvent() {
        clock.set(NOW.plus(Duration.ofDays(1)));

        AvailabilityView a = queries.handle(new FindAvailability(List.of(A.productId()), W3)).getFirst();

        assertThat(a.warehouses()).containsExactly(new AvailabilityView.Warehouse(W3, 45, 0, 0, 45));
        assertThat(a.available()).isZero();
    }

    @Test
    void aLotReleasedFromQuarantineIsAvailableAgain() {
        Sku e = Sku.fresh(NOW).in(W1);
        readModels.apply(e.received(10, "HELD", null), e.quarantined("HELD", 10));
        assertThat(queries.handle(new FindAvailability(List.of(e.productId()), null)).getFirst().available())
                .isZero();

        readModels.apply(new LotUnquarantined(new EventEnvelope(UUID.randomUUID(), NOW, "trace-u", e.productId(), W1,
                "qa"), "HELD", "lab ok", 10));

        assertThat(queries.handle(new FindAvailability(List.of(e.productId()), null)))
                .containsExactly(new AvailabilityView(e.productId(), 10,
                        List.of(new AvailabilityView.Warehouse(W1, 10, 0, 10, 0))));
    }

    private static List<AvailabilityView.Warehouse> inIdOrder(AvailabilityView.Warehouse... warehouses) {
        // PostgreSQL orders uuids byte by byte, which is the order of their lowercase text
        return Arrays.stream(warehouses)
                .sorted(Comparator.comparing(warehouse -> warehouse.warehouseId().toString())).toList();
    }
}
