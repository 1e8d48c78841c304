package io.stockledger.query.balance;

import io.stockledger.events.LotQuantity;
import io.stockledger.query.ReadModels;
import io.stockledger.query.ReservationEndings;
import io.stockledger.query.Sku;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stock_balance} built by the projection from real events on a real PostgreSQL. */
class StockBalanceProjectionTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @RegisterExtension
    static final ReadModels readModels = ReadModels.onFreshDatabase(Clock.fixed(NOW, ZoneOffset.UTC));

    private static Map<String, Object> balanceOf(Sku sku) {
        return readModels.jdbc.queryForMap("""
                SELECT on_hand, reserved, available, last_sequence FROM stock_balance
                 WHERE product_id = ? AND warehouse_id = ?""", sku.productId(), sku.warehouseId());
    }

    @Test
    void aReservationsLifeMovesReservedThenOnHand() {
        Sku sku = Sku.fresh(NOW);
        ReservationEndings ends = ReservationEndings.fresh();
        readModels.apply(sku.received(100, LotQuantity.DEFAULT_BATCH, null),
                sku.reserved(ends.shipped(), 10, LotQuantity.DEFAULT_BATCH),
                sku.reserved(ends.cancelled(), 5, LotQuantity.DEFAULT_BATCH),
                sku.reserved(ends.lapsed(), 7, LotQuantity.DEFAULT_BATCH));
        assertThat(balanceOf(sku)).containsEntry("on_hand", 100L).containsEntry("reserved", 22L)
                .containsEntry("available", 78L);

        readModels.apply(sku.confirmed(ends.shipped(), 10, LotQuantity.DEFAULT_BATCH),
                sku.released(ends.cancelled(), 5, LotQuantity.DEFAULT_BATCH),
                sku.expired(ends.lapsed(), 7, LotQuantity.DEFAULT_BATCH),
                sku.adjusted(-2, "DAMAGE", LotQuantity.DEFAULT_BATCH));
        assertThat(balanceOf(sku)).containsEntry("on_hand", 88L).containsEntry("reserved", 0L)
                .containsEntry("available", 88L).containsEntry("last_sequence", 7L);
    }

    @Test
    void aSecondDeliveryOfTheSameEventsChangesNothing() {
        Sku sku = Sku.fresh(NOW);
        List<EventMessage<?>> delivered = readModels.apply(sku.received(40, LotQuantity.DEFAULT_BATCH, null),
                sku.reserved(UUID.randomUUID(), 15, LotQuantity.DEFAULT_BATCH));
        Map<String, Object> once = balanceOf(sku);

        readModels.deliver(delivered);
        readModels.deliver(delivered.subList(1, 2));

        assertThat(balanceOf(sku)).isEqualTo(once).containsEntry("on_hand", 40L).containsEntry("reserved", 15L);
    }

    @Test
    void aBatchPartlySeenBeforeAddsOnlyItsNewEvents() {
        Sku sku = Sku.fresh(NOW);
        List<EventMessage<?>> first = readModels.apply(sku.received(40, LotQuantity.DEFAULT_BATCH, null),
                sku.reserved(UUID.randomUUID(), 15, LotQuantity.DEFAULT_BATCH));
        List<EventMessage<?>> second = readModels.messages(
                sku.reserved(UUID.randomUUID(), 4, LotQuantity.DEFAULT_BATCH));

        // the first batch's last event delivered again together with the second batch, which is new to the row
        List<EventMessage<?>> overlapping = new ArrayList<>(first.subList(1, 2));
        overlapping.addAll(second);
        readModels.deliver(overlapping);

        assertThat(balanceOf(sku)).containsEntry("on_hand", 40L).containsEntry("reserved", 19L)
                .containsEntry("last_sequence", 2L);
    }

    @Test
    void oneBatchOverManySkusAddsEachItsOwnEventsWhetherItsRowExistsOrNot() {
        Sku known = Sku.fresh(NOW);
        Sku other = Sku.fresh(NOW);
        readModels.apply(known.received(50, LotQuantity.DEFAULT_BATCH, null),
                other.received(20, LotQuantity.DEFAULT_BATCH, null));
        Sku fresh = Sku.fresh(NOW);

        readModels.apply(known.reserved(UUID.randomUUID(), 5, LotQuantity.DEFAULT_BATCH),
                fresh.received(9, LotQuantity.DEFAULT_BATCH, null),
                other.reserved(UUID.randomUUID(), 20, LotQuantity.DEFAULT_BATCH),
                known.reserved(UUID.randomUUID(), 6, LotQuantity.DEFAULT_BATCH),
                fresh.reserved(UUID.randomUUID(), 2, LotQuantity.DEFAULT_BATCH));

        assertThat(balanceOf(known)).containsEntry("on_hand", 50L).containsEntry("reserved", 11L)
                .containsEntry("last_sequence", 2L);
        assertThat(balanceOf(other)).containsEntry("available", 0L).containsEntry("last_sequence", 1L);
        assertThat(balanceOf(fresh)).containsEntry("on_hand", 9L).containsEntry("reserved", 2L)
                .containsEntry("last_sequence", 1L);
    }

    @Test
    void anInvariantBrokenInsideABatchIsCountedEvenIfTheBatchEndsWhole() {
        Sku sku = Sku.fresh(NOW);
        readModels.apply(sku.received(3, LotQuantity.DEFAULT_BATCH, null));
        double before = readModels.meters.counter("inventory.overselling.incidents").count();
        // more reserved than on hand after the first event, whole again after the second
        readModels.apply(sku.reserved(UUID.randomUUID(), 5, LotQuantity.DEFAULT_BATCH),
                sku.received(10, LotQuantity.DEFAULT_BATCH, null));
        assertThat(readModels.meters.counter("inventory.overselling.incidents").count()).isEqualTo(before + 1);
        assertThat(balanceOf(sku)).containsEntry("on_hand", 13L).containsEntry("reserved", 5L);
    }

    @Test
    void aShipmentToAnotherWarehouseLeavesThisOne() {
        Sku sku = Sku.fresh(NOW);
        readModels.apply(sku.received(30, "L1", null),
                sku.shipped(UUID.randomUUID(), UUID.randomUUID(), 12, "L1", null));
        assertThat(balanceOf(sku)).containsEntry("on_hand", 18L).containsEntry("available", 18L);
    }

    @Test
    void aBalanceThatBreaksAnInvariantIsCountedAsAnOversellingIncident() {
        Sku sku = Sku.fresh(NOW);
        double before = readModels.meters.counter("inventory.overselling.incidents").count();
        // a history the ledger would never write: more reserved than on hand
        readModels.apply(sku.received(3, LotQuantity.DEFAULT_BATCH, null),
                sku.reserved(UUID.randomUUID(), 5, LotQuantity.DEFAULT_BATCH));
        assertThat(readModels.meters.counter("inventory.overselling.incidents").count()).isGreaterThan(before);
    }
}
