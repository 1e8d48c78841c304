package io.stockledger.query.console;

import io.stockledger.events.LotQuantity;
import io.stockledger.query.ReadModels;
import io.stockledger.query.Sku;
import io.stockledger.query.api.FindLedgers;
import io.stockledger.query.api.FindOpenReservations;
import io.stockledger.query.api.FindRecentMovements;
import io.stockledger.query.api.FindTransfersInTransit;
import io.stockledger.query.api.MovementPage;
import io.stockledger.query.api.MovementView;
import io.stockledger.query.api.ReservationView;
import io.stockledger.query.api.StockBalanceView;
import io.stockledger.query.api.TransferView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's lists over read models built by the projections from real events on a real PostgreSQL. */
class ConsoleQueriesTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final UUID W1 = UUID.randomUUID();
    private static final UUID W2 = UUID.randomUUID();
    private static final Sku A = Sku.fresh(NOW).in(W1);
    private static final Sku B = Sku.fresh(NOW).in(W1);
    private static final UUID PENDING = UUID.randomUUID();
    private static final UUID RELEASED = UUID.randomUUID();
    private static final UUID SHIPPED = UUID.randomUUID();

    private static ReadModels readModels;
    private static ConsoleQueries queries;

    @BeforeAll
    static void stock() {
        readModels = ReadModels.onFreshDatabase(Clock.fixed(NOW, ZoneOffset.UTC));
        queries = readModels.bean(ConsoleQueries.class);
        readModels.apply(
                A.received(100, LotQuantity.DEFAULT_BATCH, null),
                A.received(10, "OLD", TODAY.minusDays(1)),
                A.reserved(PENDING, 4, LotQuantity.DEFAULT_BATCH),
                A.reserved(RELEASED, 6, LotQuantity.DEFAULT_BATCH),
                A.released(RELEASED, 6, LotQuantity.DEFAULT_BATCH),
                A.shipped(SHIPPED, W2, 20, LotQuantity.DEFAULT_BATCH, null),
                B.received(7, LotQuantity.DEFAULT_BATCH, null));
    }

    @AfterAll
    static void close() {
        readModels.close();
    }

    @Test
    void findsAWarehousesSkusWithBlockedAndInTransitUnits() {
        List<StockBalanceView> inW1 = queries.handle(new FindLedgers(null, W1, 100));

        assertThat(inW1).extracting(StockBalanceView::productId)
                .containsExactlyInAnyOrder(A.productId(), B.productId());
        StockBalanceView a = inW1.stream().filter(v -> v.productId().equals(A.productId())).findFirst().orElseThrow();
        assertThat(a.onHand()).isEqualTo(90);
        assertThat(a.reserved()).isEqualTo(4);
        assertThat(a.blocked()).as("the expired lot").isEqualTo(10);
        assertThat(a.available()).isEqualTo(90 - 4 - 10);
        assertThat(a.inTransitOut()).isEqualTo(20);
        assertThat(queries.handle(new FindLedgers(A.productId(), null, 100)))
                .extracting(StockBalanceView::warehouseId).contains(W1);
        assertThat(queries.handle(new FindLedgers(null, W1, 1))).hasSize(1);
    }

    @Test
    void listsOnlyPendingReservationsOfTheSku() {
        List<ReservationView> open = queries.handle(new FindOpenReservations(A.productId(), W1, 100));

        assertThat(open).extracting(ReservationView::reservationId).containsExactly(PENDING);
        assertThat(queries.handle(new FindOpenReservations(B.productId(), W1, 100))).isEmpty();
    }

    @Test
    void listsTransfersInTransitFromOrToAWarehouse() {
        assertThat(queries.handle(new FindTransfersInTransit(W2, 100))).extracting(TransferView::transferId)
                .containsExactly(SHIPPED);
        assertThat(queries.handle(new FindTransfersInTransit(UUID.randomUUID(), 100))).isEmpty();
    }

    @Test
    void theLatestMovementsComeInStoreOrderAndAFollowerPagesFromAPosition() {
        MovementPage latest = queries.handle(new FindRecentMovements(W1, null, 3));
        List<Long> positions = latest.movements().stream().map(MovementView::globalPosition).toList();
        assertThat(positions).hasSize(3).isSorted();
        assertThat(latest.nextFromPosition()).isNull();

        MovementPage all = queries.handle(new FindRecentMovements(W1, 0L, 1000));
        assertThat(all.movements()).hasSize(7);
        assertThat(positions).containsExactlyElementsOf(all.movements().subList(4, 7).stream()
                .map(MovementView::globalPosition).toList());

        MovementPage firstTwo = queries.handle(new FindRecentMovements(null, 0L, 2));
        assertThat(firstTwo.movements()).hasSize(2);
        assertThat(firstTwo.nextFromPosition()).isEqualTo(firstTwo.movements().get(1).globalPosition() + 1);
        assertThat(queries.handle(new FindRecentMovements(W2, 0L, 1000)).movements()).isEmpty();
    }
}
